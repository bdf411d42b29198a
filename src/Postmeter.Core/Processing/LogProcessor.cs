using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Processing;

/// <summary>Runs each raw line through envelope parsing, Postfix parsing, counting and tracking.</summary>
public sealed class LogProcessor(MessageTracker tracker, LineStatistics statistics)
{
    public MessageTracker Tracker { get; } = tracker;

    public LineStatistics Statistics { get; } = statistics;

    public void ProcessLine(EnvelopeParser envelopes, ReadOnlySpan<byte> line)
    {
        if (Statistics.Read(envelopes, line, out var envelope, out var e))
        {
            Tracker.Process(envelope, e);
        }
    }

    public void Complete() => Tracker.Complete();
}
