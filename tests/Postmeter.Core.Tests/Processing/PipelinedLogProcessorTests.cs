using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Processing;

public sealed class PipelinedLogProcessorTests
{
    public static TheoryData<string, LogFormat> Logs() => new()
    {
        { FixturePaths.Fixture("realpostfix-seed42", "maillog"), LogFormat.Default },
        { FixturePaths.Fixture("realpostfix-longqid", "maillog.rfc3339"), LogFormat.Rfc3339 },
        { FixturePaths.Fixture("realpostfix-filter", "maillog"), LogFormat.Default },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Two_threads_print_exactly_what_one_thread_prints(string path, LogFormat format)
    {
        var lines = File.ReadAllLines(path).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

        var single = Run(lines, format, (tracker, stats) =>
        {
            var p = new LogProcessor(tracker, stats);
            return (p.ProcessLine, p.Complete, () => { });
        });
        var pipelined = Run(lines, format, (tracker, stats) =>
        {
            var p = new PipelinedLogProcessor(tracker, stats);
            return (p.ProcessLine, p.Complete, p.Dispose);
        });

        Assert.NotEmpty(single.Output);
        Assert.Equal(single.Output, pipelined.Output);
        Assert.Equal(single.Lines, pipelined.Lines);
    }

    [Fact]
    public void A_failing_sink_surfaces_on_the_reading_thread()
    {
        var lines = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog"));
        using var processor = new PipelinedLogProcessor(new MessageTracker(new ThrowingSink()), new LineStatistics());
        var envelopes = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference));

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var line in lines)
            {
                processor.ProcessLine(envelopes, System.Text.Encoding.UTF8.GetBytes(line));
            }

            processor.Complete();
        });
        Assert.Equal("sink failed", error.Message);
    }

    private static (string Output, long Lines) Run(
        byte[][] lines,
        LogFormat format,
        Func<MessageTracker, LineStatistics, (ProcessLine Process, Action Complete, Action Dispose)> create)
    {
        using var buffer = new MemoryStream();
        using (var writer = new MessageJsonWriter(buffer))
        {
            var stats = new LineStatistics();
            var (process, complete, dispose) = create(new MessageTracker(writer), stats);
            var envelopes = new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference));
            foreach (var line in lines)
            {
                process(envelopes, line);
            }

            complete();
            dispose();
            return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), stats.Lines);
        }
    }

    private delegate void ProcessLine(EnvelopeParser envelopes, ReadOnlySpan<byte> line);

    private sealed class ThrowingSink : ITrackingSink
    {
        public void OnMessage(TrackedMessage message) => throw new InvalidOperationException("sink failed");

        public void OnReject(RejectRecord reject)
        {
        }

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}
