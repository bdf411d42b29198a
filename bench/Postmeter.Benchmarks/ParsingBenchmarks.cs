using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Postmeter.Core.Parsing;

namespace Postmeter.Benchmarks;

/// <summary>
/// Per-line cost of the two parsing stages over the real seed-42 log. Each invocation walks all
/// <see cref="Fixture.LineCount"/> lines, so the reported Mean and Allocated are per line.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ParsingBenchmarks
{
    private Fixture _fixture = null!;
    private EnvelopeParser _envelopes = null!;

    /// <summary>The fixture's traditional syslog file, or its RFC 3339 twin.</summary>
    [Params(LogFormat.Default, LogFormat.Rfc3339)]
    public LogFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = Fixture.Load(Format == LogFormat.Default ? "maillog" : "maillog.rfc3339");
        _envelopes = NewEnvelopeParser(Format);
    }

    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public int Envelope()
    {
        var parsed = 0;
        for (var i = 0; i < _fixture.Count; i++)
        {
            if (_envelopes.TryParse(_fixture.Line(i), out var envelope))
            {
                parsed += envelope.Text.Length;
            }
        }

        return parsed;
    }

    /// <summary>Envelope parsing plus Postfix parsing: what every line costs before tracking.</summary>
    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public int EnvelopeAndPostfix()
    {
        var kinds = 0;
        for (var i = 0; i < _fixture.Count; i++)
        {
            if (_envelopes.TryParse(_fixture.Line(i), out var envelope))
            {
                var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
                kinds += (int)e.Kind;
            }
        }

        return kinds;
    }

    internal static EnvelopeParser NewEnvelopeParser(LogFormat format) =>
        new(format, new YearlessClock(TimeZoneInfo.Utc, 2026, new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc)));
}

/// <summary>
/// Postfix parsing alone: the envelopes are parsed once in setup and only <see cref="PostfixParser.Parse"/> is
/// measured, per line.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class PostfixParserBenchmarks
{
    private Fixture _fixture = null!;
    private (int DaemonStart, int DaemonLength, int TextStart, int TextLength)[] _parts = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = Fixture.Load();
        var envelopes = ParsingBenchmarks.NewEnvelopeParser(LogFormat.Default);
        _parts = new (int, int, int, int)[_fixture.Count];
        for (var i = 0; i < _fixture.Count; i++)
        {
            var line = _fixture.Line(i);
            if (!envelopes.TryParse(line, out var envelope))
            {
                throw new InvalidDataException($"Line {i + 1} of {_fixture.Path} has no syslog envelope.");
            }

            _parts[i] = (Offset(line, envelope.Daemon), envelope.Daemon.Length, Offset(line, envelope.Text), envelope.Text.Length);
        }
    }

    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public int Postfix()
    {
        var kinds = 0;
        for (var i = 0; i < _parts.Length; i++)
        {
            var line = _fixture.Line(i);
            var (daemonStart, daemonLength, textStart, textLength) = _parts[i];
            var e = PostfixParser.Parse(line.Slice(daemonStart, daemonLength), line.Slice(textStart, textLength));
            kinds += (int)e.Kind;
        }

        return kinds;
    }

    private static int Offset(ReadOnlySpan<byte> line, ReadOnlySpan<byte> part)
    {
        // The envelope's spans point into the line (traditional format): their distance from its start is the offset.
        var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(line), ref MemoryMarshal.GetReference(part));
        return offset >= 0 && offset + part.Length <= line.Length
            ? offset
            : throw new InvalidDataException("Envelope part does not point into its line.");
    }
}
