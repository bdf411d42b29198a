using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Ingest.Tests.Importing;

/// <summary>The importer against a real SQLite workspace.</summary>
public sealed class WorkspaceImporterTests : IDisposable
{
    private static readonly ImportSettings Settings = new(LogFormat.Default, 2026, TimeZoneInfo.Utc) { CommitRecords = 50 };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_source_that_vanishes_fails_the_import_without_touching_what_was_committed()
    {
        var log = _temp.Write("mail.log", RepositoryFiles.RealMaillogBytes());
        var workspace = _temp.Path("ws");
        using (var store = WorkspaceStores.Open(workspace, readOnly: false))
        {
            Import(store, [LogInput.File(log)]);
        }

        var before = Stored(workspace);
        using (var store = WorkspaceStores.Open(workspace, readOnly: false))
        {
            var error = Assert.Throws<LogInputException>(() => Import(store, [LogInput.File(log), LogInput.File(_temp.Path("gone.log"))]));
            Assert.Contains("gone.log", error.Message, StringComparison.Ordinal);
        }

        Assert.NotEmpty(before.Messages);
        Assert.Equal(before, Stored(workspace));
    }

    [Fact]
    public void Binary_junk_between_real_lines_is_counted_and_the_real_lines_still_tracked()
    {
        var lines = RepositoryFiles.RealMaillogLines();
        var junk = new byte[5000];
        new Random(11).NextBytes(junk);
        lines.Insert(lines.Count / 2, junk);
        var log = _temp.Write("mail.log", RepositoryFiles.Join(lines));
        var clean = _temp.Write("clean.log", RepositoryFiles.RealMaillogBytes());

        var dirty = Stored(ImportInto(_temp.Path("dirty"), log));
        var expected = Stored(ImportInto(_temp.Path("clean"), clean));

        Assert.Equal(expected.Messages, dirty.Messages);
        using var store = WorkspaceStores.Open(_temp.Path("dirty"), readOnly: true);
        Assert.True(store.ReadLineStatistics(TimeRange.All).Malformed > 0);
    }

    [Fact]
    public void Every_commit_holds_the_position_reached_so_far()
    {
        var log = _temp.Write("mail.log", RepositoryFiles.RealMaillogBytes());
        var workspace = ImportInto(_temp.Path("ws"), log);

        using var store = WorkspaceStores.Open(workspace, readOnly: true);
        var state = store.LoadImportState();
        var source = Assert.Single(state.Sources);
        Assert.Equal(new FileInfo(log).Length, source.Offset);
        Assert.Equal(RepositoryFiles.RealMaillogLines().Count, source.Lines);
        Assert.NotNull(state.TrackerState);
    }

    [Fact]
    public void Rollups_of_an_import_over_many_commits_count_every_final_recipient_once()
    {
        var log = _temp.Write("mail.log", RepositoryFiles.RealMaillogBytes());
        var workspace = ImportInto(_temp.Path("ws"), log);

        using var store = WorkspaceStores.Open(workspace, readOnly: true);
        var fates = new FateCounter();
        store.ReplayToEnd(TimeRange.All, fates);
        var rolledUp = store.ReadTraffic(TimeRange.All).Where(r => r.Status <= (byte)Fate.Discarded)
            .GroupBy(r => (Fate)r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        Assert.True(fates.Counts.GetValueOrDefault(Fate.Sent) > 0);
        Assert.Equal(fates.Counts.OrderBy(p => p.Key), rolledUp.OrderBy(p => p.Key));
    }

    private static ImportSummary Import(IWorkspaceStore store, IReadOnlyList<LogInput> inputs) =>
        new WorkspaceImporter(store, Settings, TimeProvider.System).Import(inputs, () => Stream.Null);

    private static string ImportInto(string workspace, string log)
    {
        using var store = WorkspaceStores.Open(workspace, readOnly: false);
        var summary = Import(store, [LogInput.File(log)]);
        Assert.True(summary.Commits > 1);
        return workspace;
    }

    private static StoredData Stored(string workspace)
    {
        using var store = WorkspaceStores.Open(workspace, readOnly: true);
        var sink = new Collector();
        store.Replay(TimeRange.All, sink);
        return new StoredData(string.Join('\n', sink.Lines));
    }

    private sealed record StoredData(string Messages);

    private sealed class Collector : ITrackingSink
    {
        public List<string> Lines { get; } = [];

        public void OnMessage(TrackedMessage message) => Lines.Add(
            $"{message.QueueId} {message.Completion} {string.Join(',', message.Recipients.Select(r => $"{r.Address}:{r.Fate}:{r.Attempts.Count}"))}");

        public void OnReject(RejectRecord reject) => Lines.Add($"reject {reject.Time:O} {reject.Reason}");

        public void OnAuthFailure(AuthFailureRecord failure) => Lines.Add($"auth {failure.Time:O} {failure.ClientIp}");
    }

    private sealed class FateCounter : ITrackingSink
    {
        public Dictionary<Fate, long> Counts { get; } = [];

        public void OnMessage(TrackedMessage message)
        {
            foreach (var recipient in message.FinalRecipients)
            {
                Counts[recipient.Fate] = Counts.GetValueOrDefault(recipient.Fate) + 1;
            }
        }

        public void OnReject(RejectRecord reject)
        {
        }

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}
