using System.Text;
using Postmeter.Core.Export;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

/// <summary>A reader ends the in-flight messages a saved row at a time, as a tracker restored whole would end them.</summary>
public abstract class InFlightReplayTests(IStoreImplementation implementation)
{
    [Fact]
    public void The_saved_in_flight_messages_end_as_a_restored_tracker_ends_them()
    {
        using var workspace = new StoreFixture(implementation);
        var tracker = PartialTracking.Until(Fixtures.Filter, fraction: 0.6);
        var saved = new IncrementalTrackerState().Take(tracker);
        workspace.Store.Commit(new CommitBatch { TrackerState = saved.Header, TrackerMessages = saved.Messages });

        var expected = Json(sink =>
        {
            var restored = new MessageTracker(sink);
            restored.Restore(tracker.Snapshot());
            restored.Complete();
        });
        long orphans = -1;
        var replayed = Json(sink => orphans = workspace.Reopen().ReplayToEnd(TimeRange.All, sink));

        Assert.Contains("\"type\":\"message\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, replayed);
        Assert.Equal(tracker.OrphanLines, orphans);
    }

    [Fact]
    public void Ended_messages_are_selected_by_their_end_as_stored_ones_are()
    {
        using var workspace = new StoreFixture(implementation);
        var tracker = PartialTracking.Until(Fixtures.Filter, fraction: 0.6);
        var saved = new IncrementalTrackerState().Take(tracker);
        workspace.Store.Commit(new CommitBatch { TrackerState = saved.Header, TrackerMessages = saved.Messages });
        var now = tracker.Snapshot().Now;

        // Those still queued end at the last commit's time; those that had finished and were settling, at their own.
        var before = Lines(Json(sink => workspace.Store.ReplayToEnd(new TimeRange(null, now), sink)));
        var after = Lines(Json(sink => workspace.Store.ReplayToEnd(new TimeRange(now, null), sink)));
        var all = Lines(Json(sink => workspace.Store.ReplayToEnd(TimeRange.All, sink)));

        Assert.NotEmpty(after);
        Assert.Contains(after, line => line.Contains("\"complete\":false", StringComparison.Ordinal));
        Assert.DoesNotContain(before, line => line.Contains("\"complete\":false", StringComparison.Ordinal));
        Assert.Equal(all.Order(StringComparer.Ordinal), before.Concat(after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_saved_message_naming_one_that_is_not_there_is_refused_before_anything_is_replayed()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(Messages.Batch(0, Messages.Sent("mail", "AAA111", new DateTime(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc), "a@example.net", "b@gmail.com")));
        var header = new TrackerSnapshot { Active = [1] }.ToBytes();
        var row = TrackerSnapshot.MessageToBytes(new TrackerSnapshot.MessageState { Id = 1, Host = "mx", Instance = "postfix", QueueId = "4ABC1", HopChildren = [2] });
        workspace.Store.Commit(new CommitBatch { TrackerState = header, TrackerMessages = new TrackerMessageRows([(1, row)], [], ReplaceAll: true), NextSequence = 1 });

        var sink = new CountingSink();
        var error = Assert.Throws<WorkspaceException>(() => workspace.Store.ReplayToEnd(TimeRange.All, sink));

        Assert.Contains("refers to in-flight message 2, which it does not hold", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Received);
    }

    private static string[] Lines(string json) => json.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Json(Action<ITrackingSink> run)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            run(writer);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private sealed class CountingSink : ITrackingSink
    {
        public int Received { get; private set; }

        public void OnMessage(TrackedMessage message) => Received++;

        public void OnReject(RejectRecord reject) => Received++;

        public void OnAuthFailure(AuthFailureRecord failure) => Received++;
    }
}
