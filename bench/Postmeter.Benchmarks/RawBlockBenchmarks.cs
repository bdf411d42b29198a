using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Benchmarks;

/// <summary>
/// Compressing the workspace's raw blocks (64 KiB of a commit's log lines) with each codec considered: the seed-42
/// log's lines as the tracker keeps them, cut into blocks. Mean is per block; MB/s = 65 536 / Mean[ns] × 1000.
/// The ratio of each codec is printed once in the setup log ("ratio …").
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class RawBlockBenchmarks
{
    private readonly List<byte[]> _blocks = [];
    private RawBlockCodec _codec = RawBlockCodec.Default;

    [Params("brotli-1", "brotli-4", "deflate-fastest", "deflate-optimal")]
    public string Codec { get; set; } = "brotli-1";

    [GlobalSetup]
    public void Setup()
    {
        _codec = Codec switch
        {
            "brotli-1" => new RawBlockCodec(RawCodec.Brotli, 1),
            "brotli-4" => new RawBlockCodec(RawCodec.Brotli, 4),
            "deflate-fastest" => new RawBlockCodec(RawCodec.Deflate, (int)CompressionLevel.Fastest),
            _ => new RawBlockCodec(RawCodec.Deflate, (int)CompressionLevel.Optimal),
        };
        var fixture = Fixture.Load();
        var sink = new Lines();
        var tracker = new MessageTracker(sink, new TrackerOptions { KeepRawLines = true });
        var envelopes = ParsingBenchmarks.NewEnvelopeParser(Postmeter.Core.Parsing.LogFormat.Default);
        for (var i = 0; i < fixture.Count; i++)
        {
            if (envelopes.TryParse(fixture.Line(i), out var envelope))
            {
                var e = Postmeter.Core.Parsing.PostfixParser.Parse(envelope.Daemon, envelope.Text);
                if (tracker.Needs(e.Kind, e.QueueId))
                {
                    tracker.Process(envelope, e, fixture.Line(i));
                }
            }
        }

        tracker.Complete();
        var text = sink.Text.ToArray();
        for (var offset = 0; offset + RawLinePacker.DefaultBlockSize <= text.Length; offset += RawLinePacker.DefaultBlockSize)
        {
            _blocks.Add(text.AsSpan(offset, RawLinePacker.DefaultBlockSize).ToArray());
        }

        var compressed = _blocks.Sum(b => (long)_codec.Compress(b).Length);
        Console.WriteLine($"// ratio {Codec}: {_blocks.Count * (double)RawLinePacker.DefaultBlockSize / compressed:0.00} over {_blocks.Count} blocks");
    }

    /// <summary>Compresses one 64 KiB block.</summary>
    [Benchmark]
    public int Compress() => _codec.Compress(_blocks[0]).Length;

    private sealed class Lines : ITrackingSink
    {
        public MemoryStream Text { get; } = new();

        public void OnMessage(TrackedMessage message) => Text.Write(message.RawLines);

        public void OnReject(RejectRecord reject)
        {
        }

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}
