using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// What a reader of a workspace sees, from one snapshot (a read transaction): the stored records, then the messages
/// still in flight at the last commit, ended as a streaming run ends them (<see cref="InFlightEnding"/>), a saved row
/// at a time. The saved state is read and checked whole before anything is replayed, so damage there is found before
/// anything is printed.
/// </summary>
internal static class InFlightReplayer
{
    /// <returns>The saved tracker's orphan line count.</returns>
    public static long Replay(SqliteConnection connection, TimeRange range, ITrackingSink sink)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var ending = Index(connection, transaction);
        RecordReplayer.Replay(connection, transaction, range, sink);
        if (ending is null)
        {
            return 0;
        }

        End(connection, transaction, ending, new RangeSink(range, sink));
        return ending.OrphanLines;
    }

    /// <summary>Only the messages still in flight, ended, inside a read transaction the caller holds.</summary>
    public static void EndInFlight(SqliteConnection connection, SqliteTransaction transaction, ITrackingSink sink, bool keepRawLines = false)
    {
        if (Index(connection, transaction, keepRawLines) is { } ending)
        {
            End(connection, transaction, ending, sink);
        }
    }

    private static void End(SqliteConnection connection, SqliteTransaction transaction, InFlightEnding ending, ITrackingSink sink)
    {
        using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT state FROM tracker_messages WHERE id = $id";
        var id = lookup.Parameters.Add("$id", SqliteType.Integer);
        ending.End(
            messageId =>
            {
                id.Value = messageId;
                return lookup.ExecuteScalar() is byte[] row ? TrackerSnapshot.MessageFromBytes(row) : null;
            },
            sink);
    }

    /// <summary>The first pass over the saved state; null when nothing was committed yet.</summary>
    private static InFlightEnding? Index(SqliteConnection connection, SqliteTransaction transaction, bool keepRawLines = false)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT state FROM tracker_state WHERE id = 1 AND state IS NOT NULL";
        if (command.ExecuteScalar() is not byte[] header)
        {
            return null;
        }

        var ending = new InFlightEnding(TrackerSnapshot.FromBytes(header), keepRawLines);
        command.CommandText = "SELECT state FROM tracker_messages ORDER BY id";
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                ending.Index(TrackerSnapshot.MessageFromBytes((byte[])r.GetValue(0)));
            }
        }

        ending.Check();
        return ending;
    }
}
