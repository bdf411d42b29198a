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
        if (!envelopes.TryParse(line, out var envelope))
        {
            if (!Ascii.TrimEnd(line).IsEmpty)
            {
                Statistics.CountMalformed();
            }

            return;
        }

        var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
        Statistics.Count(envelope, e);
        if (MessageTracker.Wants(e.Kind))
        {
            Tracker.Process(envelope, e);
        }
    }

    public void Complete() => Tracker.Complete();
}
