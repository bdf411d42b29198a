using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public sealed class AtomicityTests
{
    private static readonly DateTime At = new(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void A_commit_that_fails_after_writing_its_rows_leaves_nothing_of_the_batch()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Commit(Committed());
        var before = Snapshot(workspace.Store);
        workspace.BeforeCommit(() => throw new IOException("disk gone"));

        Assert.Throws<IOException>(() => workspace.Store.Commit(Failing()));

        Assert.Equal(before, Snapshot(workspace.Store));
        Assert.Equal(before, Snapshot(workspace.Reopen()));
    }

    [Fact]
    public void A_commit_that_breaks_a_constraint_midway_leaves_nothing_and_the_store_goes_on()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Commit(Committed());
        var before = Snapshot(workspace.Store);
        var failing = Failing();
        // The last record reuses a sequence number: its insert fails after the others went in.
        failing.Records.Add(failing.Records[0] with { });

        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => workspace.Store.Commit(failing));

        Assert.Equal(before, Snapshot(workspace.Store));
        workspace.Store.Commit(Failing());
        Assert.Equal(6, ReplayOutput.Of(workspace.Store, TimeRange.All).Records.Count);
    }

    [Fact]
    public void Appended_records_are_invisible_until_the_commit_and_then_visible_with_it()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Commit(Committed());
        var before = Snapshot(workspace.Store);
        var next = Failing();
        foreach (var record in next.Records)
        {
            workspace.Store.Append(record);
        }

        Assert.Equal(before, Snapshot(workspace.Store));
        next.Records.Clear();
        workspace.Store.Commit(next);

        var all = ReplayOutput.Of(workspace.Store, TimeRange.All).Records;
        Assert.Equal(6, all.Count);
        Assert.Equal(["AAA111", "BBB222", "BBB223"], all.Where(r => r.Message is not null).Select(r => r.Message!.QueueId));
        Assert.Equal("k@900/30", string.Join(";", workspace.Store.LoadImportState().Sources.Select(s => $"{s.Key}@{s.Offset}/{s.Lines}")));
    }

    [Fact]
    public void Appended_records_of_a_store_closed_before_their_commit_are_gone()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Commit(Committed());
        var before = Snapshot(workspace.Store);
        foreach (var record in Failing().Records)
        {
            workspace.Store.Append(record);
        }

        Assert.Equal(before, Snapshot(workspace.Reopen()));
    }

    [Fact]
    public void A_commit_that_fails_also_drops_the_records_appended_before_it()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Commit(Committed());
        var before = Snapshot(workspace.Store);
        var failing = Failing();
        workspace.Store.Append(failing.Records[0]);
        failing.Records.RemoveAt(0);
        // The batch claims fewer records than were appended: its next sequence number is below one of them.
        failing.NextSequence = 2;

        Assert.Throws<ArgumentException>(() => workspace.Store.Commit(failing));

        Assert.Equal(before, Snapshot(workspace.Store));
        workspace.Store.Commit(Failing());
        Assert.Equal(6, ReplayOutput.Of(workspace.Store, TimeRange.All).Records.Count);
    }

    [Fact]
    public void Other_writes_wait_for_no_open_commit_and_say_so()
    {
        using var workspace = new StoreFixture();
        workspace.Store.Append(Failing().Records[0]);

        var e = Assert.Throws<InvalidOperationException>(() => workspace.Store.SetSetting("general.language", "de"));

        Assert.Contains("not committed yet", e.Message, StringComparison.Ordinal);
        workspace.Store.Commit(new CommitBatch { NextSequence = 3 });
        workspace.Store.SetSetting("general.language", "de");
        Assert.Equal("de", workspace.Store.GetSetting("general.language"));
    }

    private static CommitBatch Committed()
    {
        var batch = Messages.Batch(0, Messages.Sent("mail", "AAA111", At, "a@example.net", "b@gmail.com"), Messages.Reject(At, "c@example.net"));
        batch.Sources.Add(new SourceCheckpoint("k", "mail.log", [1], 1, 100, 3, 2026, 1121, At));
        batch.TrackerState = new Core.Tracking.TrackerSnapshot { OrphanLines = 1 }.ToBytes();
        batch.LineCounts[new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc)] = Lines(3);
        return batch;
    }

    private static CommitBatch Failing()
    {
        var batch = Messages.Batch(
            2,
            Messages.Sent("mail", "BBB222", At.AddHours(1), "a@example.net", "b@gmail.com", "c@outlook.com"),
            Messages.Reject(At.AddHours(1), "d@example.net"),
            Messages.AuthFailure(At.AddHours(1)),
            Messages.Sent("mail", "BBB223", At.AddHours(1), "a@example.net", "e@gmail.com"));
        batch.Sources.Add(new SourceCheckpoint("k", "mail.log", [1], 1, 900, 30, 2026, 1121, At.AddHours(1)));
        batch.TrackerState = new Core.Tracking.TrackerSnapshot { OrphanLines = 2 }.ToBytes();
        batch.LineCounts[new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc)] = Lines(7);
        batch.LineCounts[new DateTime(2026, 11, 21, 11, 0, 0, DateTimeKind.Utc)] = Lines(20);
        return batch;
    }

    private static Postmeter.Core.Processing.LineStatistics Lines(long count)
    {
        var lines = new Postmeter.Core.Processing.LineStatistics();
        lines.AddCounter("lines", count);
        return lines;
    }

    /// <summary>Everything a reader can see of the workspace, as text.</summary>
    private static string Snapshot(IWorkspaceStore store)
    {
        var state = store.LoadImportState();
        var replay = ReplayOutput.Of(store, TimeRange.All);
        return string.Join("\n",
            System.Text.Encoding.UTF8.GetString(replay.Json),
            $"records={replay.Records.Count}",
            string.Join(";", state.Sources.Select(s => $"{s.Key}@{s.Offset}/{s.Lines}")),
            Convert.ToHexString(state.TrackerState ?? []),
            state.NextSequence,
            store.ReadLineStatistics(TimeRange.All).Lines,
            string.Join(";", store.ReadTraffic(TimeRange.All).OrderBy(r => (r.Hour, r.Direction, r.Status)).Select(r => $"{r.Hour:O} {r.Direction} {r.Status} {r.Count}")),
            string.Join(";", store.ReadTop(new Dashboard.TrafficQuery(Rollups.TrafficDimension.RecipientDomain, TimeRange.All, [Core.Tracking.Direction.Outbound, Core.Tracking.Direction.Inbound, Core.Tracking.Direction.Local], [0, 1, 2, 3, 4]), 1000)),
            store.NewestLogTime()?.ToString("O"));
    }
}
