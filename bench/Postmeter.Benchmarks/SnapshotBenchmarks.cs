using System.Text;
using BenchmarkDotNet.Attributes;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Benchmarks;

/// <summary>
/// Saving the tracker's state, which every commit does (about once a second while following live): its cost grows
/// with the messages in flight, i.e. the mail queue (a large deferred queue keeps thousands). The seed-42 log is
/// replayed under as many host names as it takes, without its <c>removed</c> lines, so every message stays queued,
/// with its raw lines as the importer keeps them. Mean is per snapshot. <see cref="Snapshot"/> is the whole state (what
/// each commit saved up to schema 2); <see cref="IncrementalUnchanged"/> what a commit costs now when nothing changed
/// since the last (<see cref="IncrementalTrackerState"/> looks at every message's fingerprint, then writes only those
/// that changed: the live-latency benchmark shows the whole).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SnapshotBenchmarks
{
    private MessageTracker _tracker = null!;
    private IncrementalTrackerState _incremental = null!;

    [Params(1_000, 10_000)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fixture = Fixture.Load();
        _tracker = new MessageTracker(NullSink.Instance, new TrackerOptions { KeepRawLines = true });
        var statistics = new LineStatistics();
        var envelopes = ParsingBenchmarks.NewEnvelopeParser(LogFormat.Default);
        for (var copy = 0; _tracker.InFlight < InFlight; copy++)
        {
            var host = Encoding.ASCII.GetBytes($"mx{copy:D4}");
            for (var i = 0; i < fixture.Count && _tracker.InFlight < InFlight; i++)
            {
                var line = fixture.Line(i);
                if (line.EndsWith(" removed"u8))
                {
                    continue;
                }

                // "Nov 21 22:29:56 mail postfix/…": the host is the four bytes after the 16-byte stamp.
                var renamed = new byte[line.Length + host.Length - 4];
                line[..16].CopyTo(renamed);
                host.CopyTo(renamed.AsSpan(16));
                line[20..].CopyTo(renamed.AsSpan(16 + host.Length));
                if (statistics.Read(envelopes, renamed, out var envelope, out var e))
                {
                    _tracker.Process(envelope, e, renamed);
                }
            }
        }

        Console.WriteLine($"// {_tracker.InFlight} messages in flight: snapshot of {_tracker.Snapshot().ToBytes().Length:N0} bytes");
        _incremental = new IncrementalTrackerState();
        _incremental.Take(_tracker);
    }

    [Benchmark(Baseline = true)]
    public int Snapshot() => _tracker.Snapshot().ToBytes().Length;

    [Benchmark]
    public int IncrementalUnchanged() => _incremental.Take(_tracker).Messages.Changed.Count;
}
