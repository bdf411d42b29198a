using System.Text;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Tests.Support;

/// <summary>A tracker fed the first part of a real log, with messages still in flight.</summary>
public static class PartialTracking
{
    /// <summary>The tracker after the first <paramref name="fraction"/> of the lines of <paramref name="log"/>; what it emitted goes nowhere.</summary>
    public static MessageTracker Until(string log, double fraction)
    {
        var lines = File.ReadAllLines(log);
        var tracker = new MessageTracker(new DiscardingSink(), new TrackerOptions { KeepRawLines = true });
        var envelopes = Envelopes();
        foreach (var line in lines.Take((int)(lines.Length * fraction)))
        {
            Feed(envelopes, tracker, line);
        }

        Assert.True(tracker.InFlight > 0, "nothing in flight");
        return tracker;
    }

    /// <summary>An envelope parser for <see cref="Feed"/>, one per feeding: its year-less clock keeps state and is not thread-safe.</summary>
    public static EnvelopeParser Envelopes() => new(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, FixtureImport.Reference));

    /// <summary>Feeds one line of a fixture log to the tracker, with its raw line.</summary>
    public static void Feed(EnvelopeParser envelopes, MessageTracker tracker, string line)
    {
        var raw = Encoding.UTF8.GetBytes(line);
        if (envelopes.TryParse(raw, out var envelope))
        {
            var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
            if (tracker.Needs(e.Kind, e.QueueId))
            {
                tracker.Process(envelope, e, raw);
            }
        }
    }

    /// <summary>Commits the tracker's state (its messages in flight) into <paramref name="store"/>.</summary>
    public static void Save(MessageTracker tracker, IWorkspaceStore store, long nextSequence = 0)
    {
        var saved = new IncrementalTrackerState().Take(tracker);
        store.Commit(new CommitBatch { TrackerState = saved.Header, TrackerMessages = saved.Messages, NextSequence = nextSequence });
    }
}

/// <summary>A sink that keeps nothing.</summary>
public sealed class DiscardingSink : ITrackingSink
{
    public void OnMessage(TrackedMessage message)
    {
    }

    public void OnReject(RejectRecord reject)
    {
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
    }
}
