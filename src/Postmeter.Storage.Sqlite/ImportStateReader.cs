using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Reads what a restarted import needs: the sources' positions, the tracker's state and the next sequence number.</summary>
internal static class ImportStateReader
{
    public static ImportState Read(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            SELECT key, name, prefix_hash, prefix_length, offset, lines, clock_year, clock_last_day_key, updated_at
            FROM sources ORDER BY key
            """;
        var sources = new List<SourceCheckpoint>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                sources.Add(new SourceCheckpoint(
                    r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt32(6),
                    r.GetInt32(7), Columns.Time(r, 8)));
            }
        }

        command.CommandText = "SELECT state, next_sequence FROM tracker_state WHERE id = 1";
        using (var r = command.ExecuteReader())
        {
            if (r.Read())
            {
                return new ImportState(sources, r.IsDBNull(0) ? null : (byte[])r.GetValue(0), r.GetInt64(1));
            }
        }

        // Nothing committed yet: start after whatever is there (nothing, unless rows were written some other way).
        command.CommandText =
            """
            SELECT max(coalesce((SELECT max(seq) FROM messages), -1), coalesce((SELECT max(seq) FROM rejects), -1),
                       coalesce((SELECT max(seq) FROM auth_failures), -1)) + 1
            """;
        return new ImportState(sources, null, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The tracker's header, then its messages one row at a time, in one transaction; false when nothing was committed.</summary>
    public static bool ReadTracker(SqliteConnection connection, ISavedTrackerReceiver receiver)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT state FROM tracker_state WHERE id = 1 AND state IS NOT NULL";
        if (command.ExecuteScalar() is not byte[] header)
        {
            return false;
        }

        receiver.Header(header);
        command.CommandText = "SELECT state FROM tracker_messages ORDER BY id";
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                receiver.Message((byte[])r.GetValue(0));
            }
        }

        receiver.End();
        return true;
    }
}
