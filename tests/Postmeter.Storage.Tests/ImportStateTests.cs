using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class ImportStateTests(IStoreImplementation implementation)
{
    private static readonly DateTime At = new(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void An_empty_workspace_starts_at_sequence_zero_with_nothing_saved()
    {
        using var workspace = new StoreFixture(implementation);

        var state = workspace.Store.LoadImportState();

        Assert.Empty(state.Sources);
        Assert.Null(state.TrackerState);
        Assert.Equal(0, state.NextSequence);
        var saved = new SavedRows();
        Assert.False(workspace.Store.ReadSavedTracker(saved));
        Assert.Null(saved.Header);
        Assert.False(saved.Ended);
    }

    [Fact]
    public void Source_positions_tracker_state_and_next_sequence_round_trip_and_later_commits_replace_them()
    {
        using var workspace = new StoreFixture(implementation);
        var first = Messages.Batch(0, Messages.Sent("mail", "AAA111", At, "a@example.net", "b@gmail.com"));
        first.Sources.Add(Checkpoint("mail.log", offset: 1000, lines: 10));
        first.Sources.Add(Checkpoint("mail.log.1", offset: 5000, lines: 50));
        first.TrackerState = [1, 2, 3];
        workspace.Store.Commit(first);
        var second = Messages.Batch(1, Messages.Reject(At, "x@example.net"));
        second.Sources.Add(Checkpoint("mail.log", offset: 2000, lines: 20));
        second.TrackerState = [4, 5];
        workspace.Store.Commit(second);

        var state = workspace.Reopen().LoadImportState();

        Assert.Equal([Comparable(Checkpoint("mail.log", 2000, 20)), Comparable(Checkpoint("mail.log.1", 5000, 50))], state.Sources.Select(Comparable));
        Assert.Equal([4, 5], state.TrackerState);
        Assert.Equal(2, state.NextSequence);
    }

    [Fact]
    public void A_commit_of_line_counts_only_keeps_the_next_sequence()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(Messages.Batch(0, Messages.AuthFailure(At), Messages.AuthFailure(At)));

        workspace.Store.Commit(new CommitBatch { TrackerState = [9] });

        var state = workspace.Store.LoadImportState();
        Assert.Equal(2, state.NextSequence);
        Assert.Equal([9], state.TrackerState);
    }

    [Fact]
    public void A_batch_whose_records_are_not_below_its_next_sequence_is_refused()
    {
        using var workspace = new StoreFixture(implementation);
        var batch = Messages.Batch(0, Messages.AuthFailure(At));
        batch.NextSequence = 0;

        Assert.Throws<ArgumentException>(() => workspace.Store.Commit(batch));
        Assert.Equal(0, workspace.Store.LoadImportState().NextSequence);
    }

    [Fact]
    public void Settings_are_kept_and_replaced()
    {
        using var workspace = new StoreFixture(implementation);
        Assert.Null(workspace.Store.GetSetting("general.language"));

        workspace.Store.SetSetting("general.language", "de");
        workspace.Store.SetSetting("general.language", "en");
        workspace.Store.SetSetting("notifications.slack", "{\"channel\":\"#mail\"}");

        var reopened = workspace.Reopen();
        Assert.Equal("en", reopened.GetSetting("general.language"));
        Assert.Equal("{\"channel\":\"#mail\"}", reopened.GetSetting("notifications.slack"));
    }

    private static SourceCheckpoint Checkpoint(string name, long offset, long lines) =>
        new("key-" + name, name, [0xAB, 0xCD, (byte)name.Length], 4096, offset, lines, 2026, 1121, At);

    /// <summary>Every field of a checkpoint, the hash as text, so that two compare by value.</summary>
    private static string Comparable(SourceCheckpoint c) =>
        $"{c.Key}|{c.Name}|{Convert.ToHexString(c.PrefixHash)}|{c.PrefixLength}|{c.Offset}|{c.Lines}|{c.ClockYear}|{c.ClockLastDayKey}|{c.UpdatedAt:O}|{c.UpdatedAt.Kind}";

    [Fact]
    public void Tracker_messages_saved_apart_are_written_replaced_and_deleted_with_their_commit()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(new CommitBatch
        {
            TrackerState = [1],
            TrackerMessages = new TrackerMessageRows([(3, [30]), (1, [10]), (2, [20])], [], ReplaceAll: true),
        });
        workspace.Store.Commit(new CommitBatch
        {
            TrackerState = [2],
            TrackerMessages = new TrackerMessageRows([(2, [22]), (4, [40])], [1], ReplaceAll: false),
        });

        var saved = SavedRows.Of(workspace.Reopen());
        Assert.Equal([2], saved.Header);
        Assert.Equal([[22], [30], [40]], saved.Messages);
        Assert.True(saved.Ended);

        workspace.Store.Commit(new CommitBatch { TrackerState = [3], TrackerMessages = new TrackerMessageRows([(9, [90])], [], ReplaceAll: true) });
        Assert.Equal([[90]], SavedRows.Of(workspace.Reopen()).Messages);
    }

    [Fact]
    public void A_commit_that_fails_leaves_the_saved_tracker_messages_as_they_were()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(new CommitBatch { TrackerState = [1], TrackerMessages = new TrackerMessageRows([(1, [10])], [], ReplaceAll: true) });

        // Fails after the tracker rows were written in the commit's transaction.
        workspace.BeforeCommit(() => throw new IOException("disk gone"));
        var failing = new CommitBatch { TrackerState = [2], TrackerMessages = new TrackerMessageRows([(2, [20])], [1], ReplaceAll: false) };
        Assert.Throws<IOException>(() => workspace.Store.Commit(failing));

        var saved = SavedRows.Of(workspace.Reopen());
        Assert.Equal([1], saved.Header);
        Assert.Equal([[10]], saved.Messages);
    }

    [Fact]
    public void Tracker_messages_handed_over_in_parts_are_kept_with_the_commit_that_follows()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(new CommitBatch { TrackerState = [1], TrackerMessages = new TrackerMessageRows([(1, [10]), (2, [20])], [], ReplaceAll: true) });

        workspace.Store.AppendTrackerMessages(new TrackerMessageRows([(5, [50]), (6, [60])], [], ReplaceAll: true));
        workspace.Store.AppendTrackerMessages(new TrackerMessageRows([(7, [70])], [], ReplaceAll: false));
        Assert.Equal([[10], [20]], SavedRows.Of(workspace.Store).Messages);

        workspace.Store.Commit(new CommitBatch { TrackerState = [2], TrackerMessages = new TrackerMessageRows([(8, [80])], [6], ReplaceAll: false) });

        var saved = SavedRows.Of(workspace.Reopen());
        Assert.Equal([2], saved.Header);
        Assert.Equal([[50], [70], [80]], saved.Messages);
    }

    [Fact]
    public void Tracker_messages_handed_over_in_parts_go_with_a_commit_that_fails()
    {
        using var workspace = new StoreFixture(implementation);
        workspace.Store.Commit(new CommitBatch { TrackerState = [1], TrackerMessages = new TrackerMessageRows([(1, [10])], [], ReplaceAll: true) });

        workspace.Store.AppendTrackerMessages(new TrackerMessageRows([(2, [20])], [], ReplaceAll: true));
        workspace.BeforeCommit(() => throw new IOException("disk gone"));
        Assert.Throws<IOException>(() => workspace.Store.Commit(new CommitBatch { TrackerState = [2] }));

        var saved = SavedRows.Of(workspace.Reopen());
        Assert.Equal([1], saved.Header);
        Assert.Equal([[10]], saved.Messages);
    }
}
