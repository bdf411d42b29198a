using System.Text;
using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>A tracker saved mid-log and restored into a new one must end exactly like one that never stopped.</summary>
public class TrackerSnapshotTests
{
    public static TheoryData<string> Logs() =>
    [
        FixturePaths.Seed42,
        FixturePaths.LongQueueIds,
        FixturePaths.Fixture("realpostfix-filter", "maillog"),
        FixturePaths.Fixture("realpostfix-seed11", "maillog"),
    ];

    [Theory]
    [MemberData(nameof(Logs))]
    public void Restoring_at_any_line_gives_the_output_of_an_uninterrupted_run(string log)
    {
        var lines = File.ReadAllLines(log);
        var expected = Run(lines, []);
        Assert.Contains("\"type\":\"message\"", expected, StringComparison.Ordinal);
        foreach (var fraction in new[] { 0.01, 0.1, 0.25, 0.5, 0.77, 0.99 })
        {
            var split = (int)(lines.Length * fraction);
            Assert.Equal(expected, Run(lines, [split]));
        }

        Assert.Equal(expected, Run(lines, [lines.Length / 5, lines.Length / 3, lines.Length / 2, lines.Length * 4 / 5]));
    }

    [Fact]
    public void Raw_lines_and_pending_links_survive_the_round_trip()
    {
        var lines = File.ReadAllLines(FixturePaths.Fixture("realpostfix-filter", "maillog"));
        var uninterrupted = RawLinesOf(lines, []);
        var restored = RawLinesOf(lines, [lines.Length / 3, lines.Length / 2]);
        Assert.NotEmpty(uninterrupted);
        Assert.Equal(uninterrupted, restored);

        var half = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true });
        Feed(lines[..(lines.Length / 2)], [], new CollectingSink(), half, complete: false);
        var snapshot = TrackerSnapshot.FromBytes(half.Snapshot().ToBytes());
        Assert.NotEmpty(snapshot.Messages);
        Assert.Contains(snapshot.Messages, m => m.RawLines is { Length: > 0 });
    }

    [Fact]
    public void A_snapshot_of_another_version_is_refused()
    {
        var bytes = new TrackerSnapshot { Version = TrackerSnapshot.CurrentVersion + 1 }.ToBytes();
        var error = Assert.Throws<InvalidDataException>(() => TrackerSnapshot.FromBytes(bytes));
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restoring_a_tracker_that_already_ran_is_refused()
    {
        var (_, _, tracker) = Track.Text("Nov 20 10:00:00 mx postfix/qmgr[1]: 4ABC1: from=<a@example.org>, size=10, nrcpt=1 (queue active)");
        Assert.Throws<InvalidOperationException>(() => tracker.Restore(new TrackerSnapshot()));
    }

    [Fact]
    public void A_state_that_names_a_message_it_does_not_hold_is_refused()
    {
        var restore = new MessageTracker(new CollectingSink()).BeginRestore(new TrackerSnapshot { Active = [4] });
        restore.Add(new TrackerSnapshot.MessageState { Id = 3, Host = "mx", Instance = "postfix", QueueId = "4ABC1", HopChildren = [3] });

        var error = Assert.Throws<InvalidDataException>(restore.Finish);
        Assert.Equal("the saved tracker state refers to in-flight message 4, which it does not hold", error.Message);
    }

    [Fact]
    public void A_hop_link_to_a_message_that_is_not_there_is_refused()
    {
        var restore = new MessageTracker(new CollectingSink()).BeginRestore(new TrackerSnapshot { Active = [1] });
        restore.Add(new TrackerSnapshot.MessageState { Id = 1, Host = "mx", Instance = "postfix", QueueId = "4ABC1", HopChildren = [2] });

        var error = Assert.Throws<InvalidDataException>(restore.Finish);
        Assert.Contains("message 2,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_that_holds_a_message_twice_is_refused()
    {
        var restore = new MessageTracker(new CollectingSink()).BeginRestore(new TrackerSnapshot());
        var message = new TrackerSnapshot.MessageState { Id = 5, Host = "mx", Instance = "postfix", QueueId = "4ABC1" };
        restore.Add(message);

        var error = Assert.Throws<InvalidDataException>(() => restore.Add(message with { QueueId = "4ABC2" }));
        Assert.Equal("the saved tracker state holds in-flight message 5 twice", error.Message);
    }

    [Fact]
    public void Messages_restored_one_at_a_time_end_like_the_tracker_that_saved_them()
    {
        var lines = File.ReadAllLines(FixturePaths.Fixture("realpostfix-filter", "maillog"));
        var half = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true });
        Feed(lines[..(lines.Length / 2)], [], new CollectingSink(), half, complete: false);
        var whole = half.Snapshot();
        Assert.Contains(whole.Messages, m => m.HopChildren is { Count: > 0 });

        var expected = Ended(whole, saved => saved.Restore(whole));
        var inPieces = Ended(whole, saved =>
        {
            var restore = saved.BeginRestore(whole with { Messages = [] });
            foreach (var message in whole.Messages.AsEnumerable().Reverse())
            {
                restore.Add(message);
            }

            restore.Finish();
        });

        Assert.Contains("\"type\":\"message\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, inPieces);
    }

    /// <summary>What a tracker restored by <paramref name="restore"/> prints when the input ends there.</summary>
    private static string Ended(TrackerSnapshot state, Action<MessageTracker> restore)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            var tracker = new MessageTracker(writer, new TrackerOptions { KeepRawLines = true });
            restore(tracker);
            tracker.Complete();
        }

        Assert.NotEmpty(state.Messages);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Runs the lines, replacing the tracker by a restored copy before each line index in <paramref name="splits"/>.</summary>
    private static string Run(string[] lines, int[] splits)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            Feed(lines, splits, writer);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static List<string> RawLinesOf(string[] lines, int[] splits)
    {
        var sink = new CollectingSink();
        Feed(lines, splits, sink);
        return sink.Messages.Select(m => m.QueueId + "\n" + Encoding.UTF8.GetString(m.RawLines)).ToList();
    }

    private static void Feed(string[] lines, int[] splits, ITrackingSink sink) =>
        Feed(lines, splits, sink, new MessageTracker(sink, new TrackerOptions { KeepRawLines = true }), complete: true);

    private static void Feed(string[] lines, int[] splits, ITrackingSink sink, MessageTracker tracker, bool complete)
    {
        var options = new TrackerOptions { KeepRawLines = true };
        var envelopes = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference));
        for (var i = 0; i < lines.Length; i++)
        {
            if (splits.Contains(i))
            {
                var saved = tracker.Snapshot().ToBytes();
                tracker = new MessageTracker(sink, options);
                tracker.Restore(TrackerSnapshot.FromBytes(saved));
            }

            var raw = Encoding.UTF8.GetBytes(lines[i]);
            if (envelopes.TryParse(raw, out var envelope))
            {
                var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
                if (tracker.Needs(e.Kind, e.QueueId))
                {
                    tracker.Process(envelope, e, raw);
                }
            }
        }

        if (complete)
        {
            tracker.Complete();
        }
    }
}
