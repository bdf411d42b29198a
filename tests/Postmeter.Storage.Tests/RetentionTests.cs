using Microsoft.Data.Sqlite;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public sealed class RetentionTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void Only_rows_older_than_the_cutoff_go_and_positions_and_tracker_state_stay()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 6);
        var cutoff = Start.AddHours(3);
        var before = ReplayOutput.Of(workspace.Store, TimeRange.All).Records;
        var newest = workspace.Store.NewestLogTime();

        var total = DeleteAll(workspace.Store, cutoff, maxRows: 4);

        var after = ReplayOutput.Of(workspace.Store, TimeRange.All).Records;
        Assert.Equal(
            before.Where(r => TimeOf(r) >= cutoff).Select(Describe),
            after.Select(Describe));
        Assert.All(after, r => Assert.True(TimeOf(r) >= cutoff));
        Assert.True(after.Count > 0 && after.Count < before.Count);
        Assert.Equal(newest, workspace.Store.NewestLogTime());
        var state = workspace.Store.LoadImportState();
        Assert.Equal("mail.log@5", string.Join(";", state.Sources.Select(s => $"{s.Name}@{s.Offset}")));
        Assert.Equal(5, TrackerSnapshot.FromBytes(state.TrackerState!).OrphanLines);
        Assert.Equal(before.Count, state.NextSequence);
        // 3 messages of 1 + 2 recipients (with their attempts) + 1 hop, 3 rejects, 3 auth failures, 3 hours of 8 rollup
        // rows (sent and rejected; recipient domains 2, sender domain, sending mailbox, reject cause and its domain),
        // 1 line counter and 1 line hour; the fourth hour (13:00-14:00) does not end before the cutoff (13:15), nor
        // does the day.
        Assert.Equal((3 * 4) + 3 + 3 + (3 * 8) + (3 * 2), total);
    }

    [Fact]
    public void Rollup_and_line_count_hours_go_only_once_they_end_before_the_cutoff()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 6);
        var cutoff = Start.AddHours(3);
        var keptHours = workspace.Store.ReadTraffic(new TimeRange(cutoff, null));
        var keptLines = workspace.Store.ReadLineStatistics(new TimeRange(cutoff, null));

        DeleteAll(workspace.Store, cutoff, maxRows: 1000);

        var rollups = workspace.Store.ReadTraffic(TimeRange.All);
        Assert.Equal(keptHours.OrderBy(r => (r.Hour, r.Status)), rollups.OrderBy(r => (r.Hour, r.Status)));
        Assert.Equal(Start.AddHours(3).AddMinutes(-15), rollups.Min(r => r.Hour));
        Assert.Equal(keptLines.Lines, workspace.Store.ReadLineStatistics(TimeRange.All).Lines);
        Assert.Equal(3 * 10, keptLines.Lines);
    }

    [Fact]
    public void Each_call_deletes_about_max_rows_in_its_own_transaction_and_zero_means_done()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 6);
        var cutoff = Start.AddHours(6);
        var calls = new List<int>();

        int deleted;
        while ((deleted = workspace.Store.DeleteOlderThan(cutoff, 5)) > 0)
        {
            calls.Add(deleted);
        }

        Assert.True(calls.Count >= 10, $"expected many small batches, got {string.Join(",", calls)}");
        // A message goes whole: a batch can pass the limit by the rows of one message (6 here).
        Assert.All(calls, n => Assert.InRange(n, 1, 5 + 5));
        Assert.Empty(ReplayOutput.Of(workspace.Store, TimeRange.All).Records);
        Assert.Equal(0, workspace.Store.DeleteOlderThan(cutoff, 5));
    }

    [Fact]
    public void Raw_blocks_go_with_their_messages_and_the_newer_lines_stay_readable()
    {
        using var workspace = new StoreFixture();
        var import = FixtureImport.Run(Fixtures.AllInTimeOrder, workspace.Store);
        var cutoff = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
        var old = import.Messages.First(m => (m.CompletedAt ?? m.LastSeen) < cutoff && !m.RawLines.IsEmpty);
        var recent = import.Messages.Last(m => !m.RawLines.IsEmpty);
        var blocksBefore = Count(workspace.Database, "raw_blocks");

        DeleteAll(workspace.Store, cutoff, maxRows: 50);

        Assert.Empty(workspace.Store.ReadRawLines(old.Host, old.QueueId));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(recent.RawLines).TrimEnd('\n').Split('\n'), workspace.Store.ReadRawLines(recent.Host, recent.QueueId));
        Assert.Equal(0, Count(workspace.Database, "raw_blocks", $"newest_time < {cutoff.Ticks}"));
        Assert.InRange(Count(workspace.Database, "raw_blocks"), 1, blocksBefore - 1);
        Assert.Equal(0, Count(workspace.Database, "messages", $"completed_at < {cutoff.Ticks}"));
        Assert.Equal(0, Count(workspace.Database, "recipients", $"message_seq NOT IN (SELECT seq FROM messages)"));
        Assert.Equal(0, Count(workspace.Database, "messages", $"raw_block IS NOT NULL AND raw_block NOT IN (SELECT id FROM raw_blocks)"));
    }

    [Fact]
    public async Task The_cleaner_deletes_what_is_older_than_the_period_before_the_newest_log_time_while_an_importer_commits()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 6);
        using var companion = workspace.Store.OpenCompanion();
        var cleaner = new RetentionCleaner(companion, TimeSpan.FromHours(2)) { BatchRows = 3, Pause = TimeSpan.FromMilliseconds(1) };
        var cutoff = cleaner.Cutoff();
        var importer = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                workspace.Store.Commit(Messages.Batch(100 + i, Messages.Reject(Start.AddHours(5).AddMinutes(i), "late@example.net")));
            }
        });

        var deleted = await cleaner.RunAsync();
        await importer;

        Assert.Equal(Start.AddHours(5).AddMinutes(1).AddHours(-2), cutoff);
        Assert.True(deleted > 0);
        Assert.All(ReplayOutput.Of(workspace.Store, TimeRange.All).Records, r => Assert.True(TimeOf(r) >= cutoff));
        Assert.Equal(20, ReplayOutput.Of(workspace.Store, TimeRange.All).Records.Count(r => r.Reject?.Recipient == "late@example.net"));
        // The importer's commits moved the newest log time on: the next run cuts later (the first one may already
        // have, if the importer was done before it began).
        var later = cleaner.Cutoff();
        Assert.Equal(Start.AddHours(5).AddMinutes(19).AddHours(-2), later);
        await cleaner.RunAsync();
        Assert.All(ReplayOutput.Of(workspace.Store, TimeRange.All).Records, r => Assert.True(TimeOf(r) >= later));
        Assert.DoesNotContain(ReplayOutput.Of(workspace.Store, TimeRange.All).Records, r => r.Message?.QueueId == "Q000000003");
        Assert.Equal(0, await cleaner.RunAsync());
    }

    [Fact]
    public void Run_now_deletes_in_batches_what_the_period_leaves_out_and_then_nothing()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 6);
        var cleaner = new RetentionCleaner(workspace.Store, TimeSpan.FromHours(2)) { BatchRows = 2 };
        var cutoff = cleaner.Cutoff();

        var deleted = cleaner.RunNow();

        Assert.True(deleted > 2, $"{deleted} rows deleted");
        Assert.All(ReplayOutput.Of(workspace.Store, TimeRange.All).Records, r => Assert.True(TimeOf(r) >= cutoff));
        Assert.NotEmpty(ReplayOutput.Of(workspace.Store, TimeRange.All).Records);
        Assert.Equal(0, cleaner.RunNow());
    }

    [Fact]
    public async Task The_cleaner_leaves_a_workspace_younger_than_the_period_alone()
    {
        using var workspace = new StoreFixture();
        CommitHours(workspace.Store, 3);
        var cleaner = new RetentionCleaner(workspace.Store, TimeSpan.FromDays(90));

        Assert.Equal(0, await cleaner.RunAsync());
        Assert.Equal(9, ReplayOutput.Of(workspace.Store, TimeRange.All).Records.Count);
    }

    [Fact]
    public void A_companion_cannot_be_used_once_its_owner_is_disposed()
    {
        var workspace = new StoreFixture();
        var companion = workspace.Store.OpenCompanion();
        workspace.Dispose();

        Assert.Throws<ObjectDisposedException>(() => companion.DeleteOlderThan(Start, 10));
        companion.Dispose();
    }

    /// <summary>Per hour from <see cref="Start"/>: a message with two recipients and a hop, a reject, an auth failure, 10 lines.</summary>
    private static void CommitHours(IWorkspaceStore store, int hours)
    {
        for (var h = 0; h < hours; h++)
        {
            var at = Start.AddHours(h);
            var message = Messages.Sent("mail", $"Q{h:D9}", at, "a@example.net", "b@gmail.com", "c@outlook.com");
            message.Hops.Add($"H{h:D9}");
            var batch = Messages.Batch(h * 3, message, Messages.Reject(at, "x@example.net"), Messages.AuthFailure(at));
            var lines = new LineStatistics();
            lines.AddCounter("lines", 10);
            lines.Include(at, at.AddMinutes(1));
            batch.LineCounts[HourlyLineStatistics.HourOf(at)] = lines;
            batch.Sources.Add(new SourceCheckpoint("k", "mail.log", [1], 1, h, h, 2026, 1121, at));
            batch.TrackerState = new TrackerSnapshot { OrphanLines = h }.ToBytes();
            store.Commit(batch);
        }
    }

    private static int DeleteAll(IWorkspaceStore store, DateTime cutoff, int maxRows)
    {
        var total = 0;
        int deleted;
        while ((deleted = store.DeleteOlderThan(cutoff, maxRows)) > 0)
        {
            total += deleted;
        }

        return total;
    }

    private static DateTime TimeOf(EmittedRecordView r) =>
        r.Message is { } m ? m.CompletedAt ?? m.LastSeen : r.Reject?.Time ?? r.AuthFailure!.Time;

    private static string Describe(EmittedRecordView r) =>
        r.Message is { } m ? MessageText.Of(m) : r.Reject?.ToString() ?? r.AuthFailure!.ToString();

    private static long Count(string database, string table, string where = "1")
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }
}
