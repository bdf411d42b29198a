using Microsoft.Data.Sqlite;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The workspace in one SQLite file, <c>postmeter.db</c> (WAL), inside the workspace folder. The owner (opened
/// <see cref="WorkspaceAccess.ReadWrite"/>) holds <c>postmeter.lock</c>, upgrades the schema and commits on one writer
/// connection; reads use short-lived read-only connections of their own, so they see the last finished commit and
/// never hold up the writer. See docs/workspace-store.md.
/// </summary>
public sealed class SqliteWorkspaceStore : IWorkspaceStore
{
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly WorkspacePaths _paths;
    private readonly WorkspaceLock? _lock;
    private readonly SqliteWorkspaceStore? _owner;
    private readonly SqliteConnection? _writer;
    private readonly RawBlockCodec _codec;
    private readonly Lock _writing = new();
    private readonly InFlightSnapshots _inFlight = new();

    // Kept by the store that writes (and its companion), which sees every write; null for a reader.
    private readonly SettledTopLists? _settled;

    /// <summary>The lists kept over past days (the writing store only), for tests.</summary>
    internal SettledTopLists? Settled => _settled;

    /// <summary>The mail in flight as the dashboard and detective read it (for tests).</summary>
    internal InFlightSnapshots InFlight => _inFlight;
    private CommitWriter? _commits;
    private RetentionDeleter? _deleter;
    private bool _disposed;

    private readonly TimeProvider _clock;

    private SqliteWorkspaceStore(
        WorkspacePaths paths, WorkspaceAccess access, WorkspaceLock? workspaceLock, SqliteConnection? writer, RawBlockCodec codec, SqliteWorkspaceStore? owner,
        TimeProvider? clock = null)
    {
        _clock = clock ?? owner?._clock ?? TimeProvider.System;
        _paths = paths;
        Access = access;
        _lock = workspaceLock;
        _writer = writer;
        _codec = codec;
        _owner = owner;
        _settled = owner?._settled ?? (writer is null ? null : new SettledTopLists());
    }

    /// <summary>The workspace folder.</summary>
    public string Location => _paths.Directory;

    /// <summary>The database file in it.</summary>
    public string DatabasePath => _paths.Database;

    public WorkspaceAccess Access { get; }

    /// <summary>The schema version this program writes and understands.</summary>
    public static int SchemaVersion => SchemaMigrations.Latest;

    /// <summary>
    /// Opens the workspace in <paramref name="workspaceDirectory"/>. For <see cref="WorkspaceAccess.ReadWrite"/> the
    /// folder and database are created when missing, the workspace's lock is taken and the schema is brought up to
    /// date; <see cref="WorkspaceAccess.ReadOnly"/> needs an existing, current workspace and takes no lock. Anything
    /// that makes the workspace unusable is a <see cref="WorkspaceException"/>, and leaves the files as they were.
    /// </summary>
    public static SqliteWorkspaceStore Open(string workspaceDirectory, WorkspaceAccess access = WorkspaceAccess.ReadWrite, TimeProvider? clock = null) =>
        Open(workspaceDirectory, access, clock ?? TimeProvider.System, RawBlockCodec.Default);

    internal static SqliteWorkspaceStore Open(string workspaceDirectory, WorkspaceAccess access, TimeProvider clock, RawBlockCodec codec)
    {
        var paths = WorkspacePaths.Prepare(workspaceDirectory, access);
        return access == WorkspaceAccess.ReadOnly ? OpenReadOnly(paths, codec) : OpenOwner(paths, clock, codec);
    }

    /// <summary>
    /// Another writer connection to this workspace, sharing this store's lock (the process already owns the
    /// workspace): the retention cleaner deletes on it while this store commits, each waiting for the other's short
    /// transaction (<c>busy_timeout</c>) rather than for a lock in this process. It must be disposed before this store.
    /// </summary>
    public IWorkspaceStore OpenCompanion()
    {
        EnsureWritable();
        var connection = Guard(_paths, () =>
        {
            var c = SqliteConnections.OpenWriter(_paths.Database);
            SqliteConnections.UseWriteAheadLog(c);
            return c;
        });
        return new SqliteWorkspaceStore(_paths, WorkspaceAccess.ReadWrite, null, connection, _codec, this);
    }

    public ImportState LoadImportState() => Read(ImportStateReader.Read);

    public bool ReadSavedTracker(ISavedTrackerReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return Read(connection => ImportStateReader.ReadTracker(connection, receiver));
    }

    public void Append(EmittedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_writing)
        {
            WriteCommit(commits => commits.Append(record));
        }
    }

    public void AppendTrackerMessages(TrackerMessageRows part)
    {
        ArgumentNullException.ThrowIfNull(part);
        lock (_writing)
        {
            WriteCommit(commits => commits.AppendTrackerMessages(part));
        }
    }

    public void Commit(CommitBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_writing)
        {
            WriteCommit(commits => commits.Commit(batch));
        }

        _settled?.Written(batch.Rollups.Daily.Keys.Select(k => k.PeriodTicks).Distinct());
    }

    /// <summary>Runs part of a commit; when it fails, what the open commit held is rolled back (and the failure reported).</summary>
    private void WriteCommit(Action<CommitWriter> work)
    {
        var commits = _commits ??= new CommitWriter(EnsureWritable(), _codec);
        try
        {
            Guard(_paths, () => work(commits));
        }
        catch
        {
            commits.Abandon();
            throw;
        }
    }

    /// <summary>Other writes run in transactions of their own, which cannot nest in an open commit.</summary>
    private SqliteConnection EnsureNoOpenCommit()
    {
        var writer = EnsureWritable();
        if (_commits?.IsOpen == true)
        {
            throw new InvalidOperationException($"Workspace {_paths.Directory} has records appended and not committed yet; commit them first.");
        }

        return writer;
    }

    public bool DeferLookupIndexes()
    {
        lock (_writing)
        {
            var writer = EnsureNoOpenCommit();
            return Guard(_paths, () => LookupIndexes.DeferWhileEmpty(writer));
        }
    }

    public void RestoreLookupIndexes()
    {
        lock (_writing)
        {
            var writer = EnsureNoOpenCommit();
            Guard(_paths, () => LookupIndexes.Restore(writer));
        }
    }

    public void Replay(TimeRange range, ITrackingSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Read(connection => RecordReplayer.Replay(connection, range, sink));
    }

    public long ReplayToEnd(TimeRange range, ITrackingSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return Read(connection => InFlightReplayer.Replay(connection, range, sink));
    }

    public LineStatistics ReadLineStatistics(TimeRange range) => Read(connection => SummaryReader.LineStatistics(connection, range));

    public IReadOnlyList<string> ReadRawLines(string host, string queueId) => Read(connection => RawLineReader.Read(connection, host, queueId));

    public IReadOnlyList<Dashboard.TrafficRow> ReadTraffic(TimeRange range) => Read(connection => TrafficReader.Traffic(connection, _inFlight, range));

    public IReadOnlyList<Dashboard.RankedCount> ReadTop(Dashboard.TrafficQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(connection => TrafficReader.Top(connection, _inFlight, query, limit, _settled, _clock.GetUtcNow().UtcDateTime));
    }

    public IReadOnlyList<Dashboard.RankedCount> ReadTopGroups(Dashboard.TrafficQuery query, Core.Classification.ProviderGroups groups, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groups);
        var selection = KeySelection.Grouped(groups);
        return Ranked(Read(connection => SettledTotals.Sum(connection, _inFlight, query, selection, _settled, _clock.GetUtcNow().UtcDateTime)), limit);
    }

    public IReadOnlyList<Dashboard.RankedCount> ReadKeysWithPrefix(Dashboard.TrafficQuery query, string prefix)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(prefix);
        var selection = KeySelection.Prefixed(prefix);
        return Ranked(Read(connection => SettledTotals.Sum(connection, _inFlight, query, selection, _settled, _clock.GetUtcNow().UtcDateTime)), int.MaxValue);
    }

    private static Dashboard.RankedCount[] Ranked(Dictionary<string, long> totals, int limit) =>
        [.. totals.Where(t => t.Value != 0).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(limit).Select(t => new Dashboard.RankedCount(t.Key, t.Value))];

    public IReadOnlyList<Dashboard.KeyedPeriod> ReadSeries(Dashboard.TrafficQuery query, bool daily, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keys);
        return Read(connection => TrafficReader.Series(connection, _inFlight, query, daily, keys));
    }

    public Detective.DetectivePage Search(Detective.DetectiveQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(connection => DetectiveReader.Search(connection, _inFlight, query));
    }

    public Detective.DetectiveResult? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Read(connection => DetectiveReader.Find(connection, _inFlight, id));
    }

    public IReadOnlyList<string> ReadLog(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Read(connection => DetectiveReader.ReadLog(connection, id));
    }

    public IReadOnlyDictionary<string, string> ReadReasonExamples(IReadOnlyCollection<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return Read(connection => TrafficReader.Examples(connection, reasons));
    }

    public Dashboard.LoginActivity ReadLoginActivity(TimeRange range, int top) => Read(connection => DashboardReader.Logins(connection, range, top));

    public DateTime? NewestLogTime() => Read(SummaryReader.NewestLogTime);

    public int DeleteOlderThan(DateTime cutoff, int maxRows)
    {
        lock (_writing)
        {
            var writer = EnsureNoOpenCommit();
            _deleter ??= new RetentionDeleter(writer);
            var deleted = Guard(_paths, () => _deleter.Delete(cutoff, maxRows));
            if (deleted > 0)
            {
                // Daily rows go once their day ended by the cutoff: the day that holds it is the first that stays.
                _settled?.DeletedBefore(cutoff.Ticks - (cutoff.Ticks % TimeSpan.TicksPerDay));
            }

            return deleted;
        }
    }

    public string? GetSetting(string key) => Read(connection => SettingsTable.Get(connection, key));

    public void SetSetting(string key, string value)
    {
        lock (_writing)
        {
            var writer = EnsureNoOpenCommit();
            Guard(_paths, () => SettingsTable.Set(writer, key, value));
        }
    }

    public void Dispose()
    {
        lock (_writing)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _commits?.Dispose();
            _deleter?.Dispose();
            _writer?.Dispose();
            _lock?.Dispose();
        }
    }

    /// <summary>Test hook: runs after a commit's rows are written and before it commits.</summary>
    internal void BeforeCommit(Action action)
    {
        lock (_writing)
        {
            _commits ??= new CommitWriter(EnsureWritable(), _codec);
            _commits.BeforeCommit = action;
        }
    }

    private static SqliteWorkspaceStore OpenOwner(WorkspacePaths paths, TimeProvider clock, RawBlockCodec codec)
    {
        var workspaceLock = WorkspaceLock.Acquire(paths);
        SqliteConnection? connection = null;
        try
        {
            DatabaseFileCheck.EnsureSqlite(paths.Database);
            connection = Guard(paths, () => SqliteConnections.OpenWriter(paths.Database));
            Guard(paths, () =>
            {
                var version = SchemaMigrator.CurrentVersion(connection, paths.Database);
                SchemaMigrator.EnsureUnderstood(version, paths.Directory);
                if (version > 0)
                {
                    // Refuse what the readers would refuse before anything is written to it.
                    WorkspaceIntegrity.EnsureStructure(connection);
                }

                SqliteConnections.UseWriteAheadLog(connection);
                SchemaMigrator.Migrate(connection, paths, clock.GetUtcNow().UtcDateTime);
                WorkspaceIntegrity.EnsureValues(connection);
            });
            return new SqliteWorkspaceStore(paths, WorkspaceAccess.ReadWrite, workspaceLock, connection, codec, null, clock);
        }
        catch
        {
            connection?.Dispose();
            workspaceLock.Dispose();
            throw;
        }
    }

    private static SqliteWorkspaceStore OpenReadOnly(WorkspacePaths paths, RawBlockCodec codec)
    {
        DatabaseFileCheck.EnsureSqlite(paths.Database);
        Guard(paths, () =>
        {
            using var connection = SqliteConnections.OpenReader(paths.Database);
            var version = SchemaMigrator.CurrentVersion(connection, paths.Database);
            SchemaMigrator.EnsureUnderstood(version, paths.Directory);
            if (version == 0)
            {
                throw new WorkspaceException($"no workspace at {paths.Directory}: {WorkspacePaths.DatabaseName} is empty; expected a directory a Postmeter import has written");
            }

            if (version < SchemaMigrations.Latest)
            {
                throw new WorkspaceException(
                    $"workspace {paths.Directory} has schema {version}, older than this version's {SchemaMigrations.Latest}; expected an upgraded workspace: import into it once with this version, which upgrades it");
            }

            // Damage is found before a reader prints anything, not halfway through its output.
            WorkspaceIntegrity.EnsureStructure(connection);
            WorkspaceIntegrity.EnsureValues(connection);
        });
        return new SqliteWorkspaceStore(paths, WorkspaceAccess.ReadOnly, null, null, codec, null);
    }

    private SqliteConnection EnsureWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed || _owner?._disposed == true, this);
        return _writer ?? throw new InvalidOperationException($"Workspace {_paths.Directory} was opened read-only.");
    }

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Guard(_paths, () =>
        {
            using var connection = SqliteConnections.OpenReader(_paths.Database);
            return query(connection);
        });
    }

    private void Read(Action<SqliteConnection> query) => Read(connection =>
    {
        query(connection);
        return true;
    });

    private static void Guard(WorkspacePaths paths, Action action) => Guard(paths, () =>
    {
        action();
        return true;
    });

    /// <summary>Runs database work, turning SQLite's "not a database" and "malformed" into the workspace's own error.</summary>
    private static T Guard<T>(WorkspacePaths paths, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw DatabaseFileCheck.NotAWorkspace(paths.Database, SQLitePCL.raw.sqlite3_errstr(e.SqliteErrorCode).utf8_to_string(), e);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or InvalidCastException)
        {
            // A stored value Postmeter's own decoders refuse (attempts JSON, a raw block, a time or enum out of its
            // range, the tracker's state): damaged, or edited by hand.
            throw new WorkspaceException($"workspace database {paths.Database} holds data this version cannot read ({e.Message}); expected what Postmeter wrote", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCannotOpen)
        {
            // The file, its folder or the disk cannot be used as needed; SQLite's own words for it say which.
            throw new WorkspaceException(
                $"cannot use workspace database {paths.Database} ({SQLitePCL.raw.sqlite3_errstr(e.SqliteErrorCode).utf8_to_string()}); expected a SQLite file Postmeter can read and write, on a disk with room", e);
        }
    }
}
