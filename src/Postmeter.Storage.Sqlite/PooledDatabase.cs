using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The workspace database on pooled connections, for stores whose every call is one short statement or transaction
/// (accounts, insights): web requests and background services run side by side and wait at most for one import
/// commit (the busy timeout covers it).
/// </summary>
internal sealed class PooledDatabase(string databasePath, string what) : IDisposable
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
        DefaultTimeout = SqliteConnections.BusyTimeoutMilliseconds / 1000,
    }.ToString();

    /// <summary>
    /// The database of a workspace whose schema is current (an owner opened it once with this version), for
    /// <paramref name="what"/> it keeps. Needs no workspace lock.
    /// </summary>
    /// <exception cref="WorkspaceException">No workspace there, or one this version must first upgrade.</exception>
    public static PooledDatabase OpenCurrent(string workspaceDirectory, string what)
    {
        var paths = WorkspacePaths.Prepare(workspaceDirectory, WorkspaceAccess.ReadOnly);
        var database = new PooledDatabase(paths.Database, what);
        try
        {
            using var connection = database.Connect();
            var version = SchemaMigrator.CurrentVersion(connection, paths.Database);
            SchemaMigrator.EnsureUnderstood(version, paths.Directory);
            if (version < SchemaMigrations.Latest)
            {
                throw new WorkspaceException(
                    $"workspace {paths.Directory} has schema {version}, older than this version's {SchemaMigrations.Latest}; expected an upgraded workspace: start postmeter on it once, which upgrades it");
            }
        }
        catch (SqliteException e)
        {
            database.Dispose();
            throw new WorkspaceException($"cannot open the {what} of workspace {paths.Directory}: {e.Message}", e);
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return database;
    }

    /// <summary>Runs <paramref name="body"/> on a connection of the pool; damage is reported as a <see cref="WorkspaceException"/>.</summary>
    public T Run<T>(Func<SqliteConnection, T> body)
    {
        using var connection = Connect();
        try
        {
            return body(connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            throw new WorkspaceException($"the workspace database {connection.DataSource} is damaged ({e.Message})", e);
        }
        catch (InvalidDataException e)
        {
            throw new WorkspaceException($"the {what} in {connection.DataSource} are damaged: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="body"/> in one transaction.</summary>
    public T InTransaction<T>(Func<SqliteConnection, T> body) => Run(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = body(connection);
        transaction.Commit();
        return result;
    });

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static List<T> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    public static DateTime Time(SqliteDataReader r, int column) => StoredTime.FromTicks(r.GetInt64(column), r.GetName(column));

    public static DateTime? OptionalTime(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : Time(r, column);

    public static string? Text(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
