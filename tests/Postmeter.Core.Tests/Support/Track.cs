using System.Text;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Support;

/// <summary>Runs log text through the whole engine (envelope, parser, tracker) the way the commands do.</summary>
public static class Track
{
    public static readonly DateTime Reference = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    public static (CollectingSink Sink, LineStatistics Stats, MessageTracker Tracker) Lines(IEnumerable<string> lines, LogFormat format = LogFormat.Default, int? year = 2026)
    {
        var sink = new CollectingSink();
        var tracker = new MessageTracker(sink);
        var stats = new LineStatistics();
        var processor = new LogProcessor(tracker, stats);
        var envelopes = new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, year, Reference));
        foreach (var line in lines)
        {
            processor.ProcessLine(envelopes, Encoding.UTF8.GetBytes(line));
        }

        processor.Complete();
        return (sink, stats, tracker);
    }

    public static (CollectingSink Sink, LineStatistics Stats, MessageTracker Tracker) Text(string text, LogFormat format = LogFormat.Default) =>
        Lines(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), format);

    public static (CollectingSink Sink, LineStatistics Stats, MessageTracker Tracker) File(string path, LogFormat format = LogFormat.Default) =>
        Lines(System.IO.File.ReadLines(path), format);

    /// <summary>
    /// An envelope parser for <see cref="Line"/>. Its year-less clock keeps state from line to line and is not
    /// thread-safe: each test class holds its own (xUnit runs classes in parallel, a class's tests one at a time).
    /// </summary>
    public static EnvelopeParser Envelopes() => new(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Reference));

    /// <summary>Feeds one raw line to a tracker the caller drives (saves, restores, a second tracker in step), with its raw line.</summary>
    public static void Line(EnvelopeParser envelopes, MessageTracker tracker, byte[] raw)
    {
        if (envelopes.TryParse(raw, out var envelope))
        {
            var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
            if (tracker.Needs(e.Kind, e.QueueId))
            {
                tracker.Process(envelope, e, raw);
            }
        }
    }
}
