using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The indexes that serve only lookups (by queue id, Message-ID, sender, recipient, domain, relay, hop, client address, SASL username; of messages and rejects). Inserting into them costs
/// a random B-tree descent per row; building them once after a first bulk import is several times cheaper. Their
/// definitions are kept in <c>settings</c> in the same transaction that drops them, so a process killed before it
/// rebuilt them still knows what to rebuild.
/// </summary>
internal static class LookupIndexes
{
    private const string SettingPrefix = "deferred_index:";

    private static readonly string[] Names =
    [
        "messages_by_queue_id", "messages_by_message_id", "messages_by_sender", "messages_by_sender_domain", "messages_by_notification_of",
        "recipients_by_address", "recipients_by_orig_address", "recipients_by_domain", "recipients_by_relay", "hops_by_queue_id",
        "rejects_by_sender", "rejects_by_recipient", "rejects_by_sender_domain", "rejects_by_recipient_domain", "rejects_by_queue_id",
        "messages_by_client_ip", "rejects_by_client_ip", "messages_by_sasl_username",
    ];

    /// <summary>Drops the lookup indexes if no message is stored yet; returns whether it did.</summary>
    public static bool DeferWhileEmpty(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Scalar(transaction, "SELECT EXISTS (SELECT 1 FROM messages)") != 0)
        {
            return false;
        }

        var definitions = new List<(string Name, string Sql)>();
        using (var select = Command(transaction, string.Empty))
        {
            select.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({string.Join(", ", Names.Select(n => $"'{n}'"))})";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, sql) in definitions)
        {
            using var remember = Command(transaction, "INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)");
            remember.Parameters.AddWithValue("$key", SettingPrefix + name);
            remember.Parameters.AddWithValue("$value", sql);
            remember.ExecuteNonQuery();
            Execute(transaction, $"DROP INDEX {name}");
        }

        transaction.Commit();
        return definitions.Count > 0;
    }

    /// <summary>
    /// Builds every deferred index again (nothing when none is deferred). The sort that builds an index spills to
    /// temporary files, on disk here rather than in memory as the writer's other work does, so building the indexes
    /// of a large workspace does not need memory in proportion to it.
    /// </summary>
    public static void Restore(SqliteConnection connection)
    {
        SetTempStore(connection, "FILE");
        try
        {
            RestoreDeferred(connection);
        }
        finally
        {
            SetTempStore(connection, "MEMORY");
        }
    }

    private static void SetTempStore(SqliteConnection connection, string where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA temp_store = {where}";
        command.ExecuteNonQuery();
    }

    private static void RestoreDeferred(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var deferred = new List<(string Key, string Sql)>();
        using (var select = Command(transaction, "SELECT key, value FROM settings WHERE key >= $from AND key < $to"))
        {
            select.Parameters.AddWithValue("$from", SettingPrefix);
            select.Parameters.AddWithValue("$to", SettingPrefix[..^1] + ";");
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                deferred.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (key, sql) in deferred)
        {
            Execute(transaction, sql.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal));
            using var delete = Command(transaction, "DELETE FROM settings WHERE key = $key");
            delete.Parameters.AddWithValue("$key", key);
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static long Scalar(SqliteTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        command.ExecuteNonQuery();
    }
}
