using BenchmarkDotNet.Attributes;
using Postmeter.Core.Classification;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;

namespace Postmeter.Benchmarks;

/// <summary>
/// The whole per-line pipeline of <c>postmeter report</c> over the real seed-42 log: envelope and Postfix parsing,
/// line statistics, message tracking and the report sink, with a fresh state per pass (as for one file), and its
/// parts. Mean and Allocated are per input line; the per-pass setup (tracker, report builder) is included.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ProcessingBenchmarks
{
    private Fixture _fixture = null!;
    private RecordingSink _recorded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = Fixture.Load();
        _recorded = new RecordingSink();
        Run(_recorded);
    }

    /// <summary>Parse, count, track and aggregate every line into the report, then complete the tracker.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Fixture.LineCount)]
    public long Process()
    {
        var report = new ReportBuilder(FailureClassifier.Default);
        return Run(report).Statistics.Lines;
    }

    /// <summary><see cref="Process"/> plus building the report, as <c>postmeter report</c> does once per run.</summary>
    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public long ProcessAndBuildReport()
    {
        var report = new ReportBuilder(FailureClassifier.Default);
        var processor = Run(report);
        return report.Build(processor.Statistics, processor.Tracker.OrphanLines).Totals.Received;
    }

    /// <summary>Parsing, statistics and tracking with a sink that ignores what it is given: the cost before reporting.</summary>
    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public long ProcessWithoutReport() => Run(NullSink.Instance).Statistics.Lines;

    /// <summary>
    /// The report sink alone: replays what the tracker emitted for the whole file (messages, rejects, auth failures)
    /// into a fresh <see cref="ReportBuilder"/>. Still divided by the file's line count, so the parts add up.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Fixture.LineCount)]
    public long ReportSinkOnly()
    {
        var report = new ReportBuilder(FailureClassifier.Default);
        _recorded.ReplayInto(report);
        return _recorded.Count;
    }

    private LogProcessor Run(ITrackingSink sink)
    {
        var processor = new LogProcessor(new MessageTracker(sink), new LineStatistics());
        var envelopes = ParsingBenchmarks.NewEnvelopeParser(LogFormat.Default);
        for (var i = 0; i < _fixture.Count; i++)
        {
            processor.ProcessLine(envelopes, _fixture.Line(i));
        }

        processor.Complete();
        return processor;
    }

    /// <summary>Keeps what the tracker emitted, in order, to feed a report sink again and again.</summary>
    private sealed class RecordingSink : ITrackingSink
    {
        private readonly List<object> _items = [];

        public int Count => _items.Count;

        public void OnMessage(TrackedMessage message) => _items.Add(message);

        public void OnReject(RejectRecord reject) => _items.Add(reject);

        public void OnAuthFailure(AuthFailureRecord failure) => _items.Add(failure);

        public void ReplayInto(ReportBuilder sink)
        {
            foreach (var item in _items)
            {
                switch (item)
                {
                    case TrackedMessage message:
                        sink.OnMessage(message);
                        break;
                    case RejectRecord reject:
                        sink.OnReject(reject);
                        break;
                    case AuthFailureRecord failure:
                        sink.OnAuthFailure(failure);
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
