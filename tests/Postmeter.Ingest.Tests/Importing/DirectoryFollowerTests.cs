using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Ingest.Tests.Importing;

/// <summary>The follower against a real SQLite workspace and real files renamed under it.</summary>
public sealed class DirectoryFollowerTests : IDisposable
{
    private static readonly ImportSettings Settings = new(LogFormat.Default, 2026, TimeZoneInfo.Utc)
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_rotation_between_listing_and_reading_does_not_read_the_files_out_of_order()
    {
        var lines = RepositoryFiles.RealMaillogLines();
        var quarter = lines.Count / 4;
        var parts = Enumerable.Range(0, 4).Select(i => RepositoryFiles.Join(lines.Skip(i * quarter).Take(i == 3 ? lines.Count : quarter))).ToList();
        var logs = _temp.Directory("logs");
        File.WriteAllBytes(Path.Combine(logs, "mail.log.2"), parts[0]);
        File.WriteAllBytes(Path.Combine(logs, "mail.log.1"), parts[1]);
        File.WriteAllBytes(Path.Combine(logs, "mail.log"), parts[2]);
        var rotated = false;

        // logrotate runs just after the first listing: every listed name now holds the next newer file.
        IReadOnlyList<LogInput> List()
        {
            var listed = LogDirectory.Scan(logs).Files.Select(LogInput.File).ToList();
            if (!rotated)
            {
                rotated = true;
                File.Move(Path.Combine(logs, "mail.log.2"), Path.Combine(logs, "mail.log.3"));
                File.Move(Path.Combine(logs, "mail.log.1"), Path.Combine(logs, "mail.log.2"));
                File.Move(Path.Combine(logs, "mail.log"), Path.Combine(logs, "mail.log.1"));
                File.WriteAllBytes(Path.Combine(logs, "mail.log"), parts[3]);
            }

            return listed;
        }

        var workspace = _temp.Path("ws");
        using (var store = WorkspaceStores.Open(workspace, readOnly: false))
        using (var stop = new CancellationTokenSource())
        {
            var follower = new DirectoryFollower(store, Settings, TimeProvider.System);
            var following = Task.Run(() => follower.Follow(List, stop.Token));
            WaitUntilRead(workspace, lines.Count);
            stop.Cancel();
            await following;
        }

        var whole = _temp.Write("whole.log", RepositoryFiles.Join(lines));
        var expected = _temp.Path("expected");
        using (var store = WorkspaceStores.Open(expected, readOnly: false))
        {
            new WorkspaceImporter(store, Settings, TimeProvider.System).Import([LogInput.File(whole)], () => Stream.Null);
        }

        Assert.Equal(Stored(expected), Stored(workspace));
    }

    [Fact]
    public async Task Progress_is_told_during_the_catch_up_and_ends_at_its_end()
    {
        var logs = _temp.Directory("logs");
        var log = Path.Combine(logs, "mail.log");
        File.WriteAllBytes(log, RepositoryFiles.RealMaillogBytes());
        var size = new FileInfo(log).Length;
        var reports = new Reports();
        var workspace = _temp.Path("ws");
        using (var store = WorkspaceStores.Open(workspace, readOnly: false))
        using (var stop = new CancellationTokenSource())
        {
            var follower = new DirectoryFollower(store, Settings with { MarkEveryLines = 100 }, TimeProvider.System, progress: reports);
            var following = Task.Run(() => follower.Follow(() => [LogInput.File(log)], stop.Token));
            WaitUntilRead(workspace, RepositoryFiles.RealMaillogLines().Count);
            var afterCatchUp = reports.All.Count;
            File.AppendAllText(log, "Nov 21 22:44:33 mail postfix/qmgr[28381]: 0A0A0A0A0A: removed\n");
            WaitUntilRead(workspace, RepositoryFiles.RealMaillogLines().Count + 1);
            stop.Cancel();
            await following;

            Assert.Equal(afterCatchUp, reports.All.Count);
        }

        Assert.True(reports.All.Count > 2);
        Assert.All(reports.All, r => Assert.Equal(size, r.BytesTotal));
        Assert.Equal((size, 1, 1), (reports.All[^1].BytesDone, reports.All[^1].SourcesDone, reports.All[^1].SourcesTotal));
        Assert.All(reports.All.SkipLast(1), r => Assert.Equal(0, r.SourcesDone));
    }

    private static void WaitUntilRead(string workspace, int lines)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (File.Exists(Path.Combine(workspace, "postmeter.db")))
            {
                using var store = WorkspaceStores.Open(workspace, readOnly: true);
                if (store.LoadImportState().Sources.Sum(s => s.Lines) >= lines)
                {
                    return;
                }
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"the follower did not read {lines} lines");
    }

    private static string Stored(string workspace)
    {
        using var store = WorkspaceStores.Open(workspace, readOnly: true);
        var lines = new List<string>();
        store.ReplayToEnd(TimeRange.All, new Collector(lines));
        return string.Join('\n', lines);
    }

    private sealed class Collector(List<string> lines) : ITrackingSink
    {
        public void OnMessage(TrackedMessage message) => lines.Add(
            $"{message.QueueId} {message.Completion} {message.ReceivedAt:O} {string.Join(',', message.Recipients.Select(r => $"{r.Address}:{r.Fate}:{r.Attempts.Count}"))}");

        public void OnReject(RejectRecord reject) => lines.Add($"reject {reject.Time:O} {reject.Reason}");

        public void OnAuthFailure(AuthFailureRecord failure) => lines.Add($"auth {failure.Time:O} {failure.ClientIp}");
    }

    private sealed class Reports : IImportProgressListener
    {
        private readonly Lock _lock = new();
        private readonly List<ImportProgress> _all = [];

        public List<ImportProgress> All
        {
            get
            {
                lock (_lock)
                {
                    return [.. _all];
                }
            }
        }

        public void Report(ImportProgress progress)
        {
            lock (_lock)
            {
                _all.Add(progress);
            }
        }
    }
}
