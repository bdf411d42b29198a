using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Opens connections to a workspace database with the settings every connection of Postmeter uses.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a connection waits for another's write transaction before it fails.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>Page cache of the writer: the indexes of a large workspace stay in memory while it imports.</summary>
    private const int WriterCacheKiB = 16 * 1024;

    private const int ReaderCacheKiB = 16 * 1024;

    /// <summary>Opens a read-write connection; the journal mode is set later, once the schema is known to be ours.</summary>
    public static SqliteConnection OpenWriter(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadWriteCreate);
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA cache_size = -{WriterCacheKiB}; PRAGMA temp_store = MEMORY;");
        return connection;
    }

    /// <summary>
    /// WAL (readers never wait for the writer), fsync only at checkpoints (a crash loses at most the last commits,
    /// never consistency), and checkpoints every 64 MiB of log rather than every 4 MiB: an index page that many commits
    /// touch is then copied into the database once instead of once per commit (a third less time per commit).
    /// </summary>
    public static void UseWriteAheadLog(SqliteConnection connection) =>
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864;");

    public static SqliteConnection OpenReader(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadOnly);
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA cache_size = -{ReaderCacheKiB}; PRAGMA temp_store = MEMORY;");
        return connection;
    }

    private static SqliteConnection Open(string databasePath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            // Closed means closed: the file is released when the store is disposed.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
