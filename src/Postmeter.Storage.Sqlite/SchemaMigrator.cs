using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Reads a database's schema version and brings it forward, all missing scripts in one transaction.</summary>
internal static class SchemaMigrator
{
    /// <summary>The applied schema version: 0 for an empty database.</summary>
    public static int CurrentVersion(SqliteConnection connection, string databasePath, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table'";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new WorkspaceException(
                    $"{databasePath} is not a Postmeter workspace database (a SQLite file with tables of another program); expected a SQLite file written by Postmeter");
            }

            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a schema newer than this program's.</summary>
    public static void EnsureUnderstood(int version, string workspaceDirectory)
    {
        if (version > SchemaMigrations.Latest)
        {
            throw new WorkspaceException(
                $"workspace {workspaceDirectory} was written by a newer Postmeter (schema {version}); this version understands up to {SchemaMigrations.Latest}");
        }
    }

    /// <summary>Applies the scripts after the current version up to <paramref name="target"/> (the latest by default).</summary>
    public static void Migrate(SqliteConnection connection, WorkspacePaths paths, DateTime now, int? target = null)
    {
        var upTo = target ?? SchemaMigrations.Latest;
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CurrentVersion(connection, paths.Database, transaction);
        EnsureUnderstood(current, paths.Directory);
        foreach (var migration in SchemaMigrations.All)
        {
            if (migration.Version <= current || migration.Version > upTo)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql;
            command.ExecuteNonQuery();
            migration.Then?.Invoke(connection, transaction);
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at)";
            command.Parameters.AddWithValue("$version", migration.Version);
            command.Parameters.AddWithValue("$at", now.Ticks);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
