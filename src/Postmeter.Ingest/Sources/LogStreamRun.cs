using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Ingest.Sources;

/// <summary>
/// Reads log inputs in order through one tracker into a sink, streaming, in bounded memory, with no workspace: what
/// <c>postmeter report FILE</c> and <c>messages FILE</c> do.
/// </summary>
public sealed class LogStreamRun(LogFormat format, int? startingYear, TimeZoneInfo zone, ITrackingSink sink, TimeProvider clock)
{
    public LineStatistics Statistics { get; } = new();

    public MessageTracker? Tracker { get; private set; }

    /// <param name="arguments">Files, directories of rotated logs, or <c>-</c> for standard input.</param>
    public void Run(IEnumerable<string> arguments, Func<Stream> openStdin)
    {
        var inputs = LogInputs.Expand(arguments);
        var tracker = new MessageTracker(sink);
        Tracker = tracker;
        using var processor = new PipelinedLogProcessor(tracker, Statistics);
        foreach (var input in inputs)
        {
            var envelopes = new EnvelopeParser(format, new YearlessClock(zone, startingYear, input.YearReference(clock)));
            using var stream = input.Open(openStdin);
            new LineReader().ReadAll(stream, line => processor.ProcessLine(envelopes, line));
        }

        processor.Complete();
    }
}
