using System.Text;
using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>
/// A reader ends the saved messages a row at a time; at any point of real logs (content filter hops, forwards,
/// notifications, deferrals) it must print exactly what a tracker restored whole and completed prints.
/// </summary>
public class InFlightEndingTests
{
    [Theory]
    [MemberData(nameof(TrackerSnapshotTests.Logs), MemberType = typeof(TrackerSnapshotTests))]
    public void Ending_row_by_row_prints_what_a_restored_tracker_completes_with(string log)
    {
        var lines = File.ReadAllLines(log);
        var endings = 0;
        foreach (var fraction in new[] { 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95 })
        {
            var state = StateAfter(lines, (int)(lines.Length * fraction));
            var expected = Output(sink =>
            {
                var tracker = new MessageTracker(sink);
                tracker.Restore(state);
                tracker.Complete();
            });
            var rowByRow = Output(sink => EndInPieces(state, sink));
            Assert.Equal(expected, rowByRow);
            endings += expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        Assert.True(endings > 20, $"only {endings} messages ended");
    }

    [Fact]
    public void Hops_in_flight_are_ended_with_the_message_they_belong_to()
    {
        var lines = File.ReadAllLines(FixturePaths.Fixture("realpostfix-filter", "maillog"));
        var state = Enumerable.Range(1, 40).Select(i => StateAfter(lines, lines.Length * i / 41))
            .First(s => s.Messages.Any(m => m.HopChildren is { Count: > 0 } && s.Active.Contains(m.Id)));
        var sink = new CollectingSink();

        EndInPieces(state, sink);

        Assert.Contains(sink.Messages, m => m.Hops.Count > 0 && m.Completion == Completion.StillQueued);
        Assert.Equal(sink.Messages.Count, sink.Messages.Select(m => (m.Host, m.QueueId)).Distinct().Count());
    }

    [Fact]
    public void A_state_that_names_a_message_it_does_not_hold_is_refused_before_anything_is_ended()
    {
        var ending = new InFlightEnding(new TrackerSnapshot { Active = [1], Settling = [9] });
        ending.Index(new TrackerSnapshot.MessageState { Id = 1, Host = "mx", Instance = "postfix", QueueId = "4ABC1" });

        var error = Assert.Throws<InvalidDataException>(ending.Check);
        Assert.Equal("the saved tracker state refers to in-flight message 9, which it does not hold", error.Message);
    }

    [Fact]
    public void Hop_links_that_loop_are_refused()
    {
        var ending = new InFlightEnding(new TrackerSnapshot { Active = [1] });
        ending.Index(new TrackerSnapshot.MessageState { Id = 1, Host = "mx", Instance = "postfix", QueueId = "4ABC1", HopParent = 2, HopChildren = [2] });
        ending.Index(new TrackerSnapshot.MessageState { Id = 2, Host = "mx", Instance = "postfix", QueueId = "4ABC2", HopParent = 1, HopChildren = [1] });

        var error = Assert.Throws<InvalidDataException>(ending.Check);
        Assert.Contains("to itself through its hops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_its_recipients_is_refused_before_anything_is_ended()
    {
        var ending = new InFlightEnding(new TrackerSnapshot { Active = [1] });

        var error = Assert.Throws<InvalidDataException>(() =>
            ending.Index(new TrackerSnapshot.MessageState { Id = 1, Host = "mx", Instance = "postfix", QueueId = "4ABC1", Recipients = null! }));
        Assert.Contains("message 1 without its recipients", error.Message, StringComparison.Ordinal);
    }

    /// <summary>As a store does: the header without its messages, then each message as saved apart, read back by id.</summary>
    private static void EndInPieces(TrackerSnapshot state, ITrackingSink sink)
    {
        var rows = state.Messages.ToDictionary(m => m.Id, TrackerSnapshot.MessageToBytes);
        var ending = new InFlightEnding(TrackerSnapshot.FromBytes((state with { Messages = [] }).ToBytes()));
        foreach (var row in rows.Values.Reverse())
        {
            ending.Index(TrackerSnapshot.MessageFromBytes(row));
        }

        ending.Check();
        ending.End(id => rows.TryGetValue(id, out var row) ? TrackerSnapshot.MessageFromBytes(row) : null, sink);
    }

    private static TrackerSnapshot StateAfter(string[] lines, int count)
    {
        var tracker = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true });
        var envelopes = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference));
        foreach (var line in lines.Take(count))
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

        return tracker.Snapshot();
    }

    private static string Output(Action<ITrackingSink> run)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            run(writer);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }
}
