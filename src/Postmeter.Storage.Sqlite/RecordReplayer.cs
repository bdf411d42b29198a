using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Replays messages, rejects and authentication failures of a range into a sink in the order they were emitted,
/// merging the three tables by sequence number, from one consistent snapshot (a read transaction).
/// </summary>
internal static class RecordReplayer
{
    public static void Replay(SqliteConnection connection, TimeRange range, ITrackingSink sink)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        Replay(connection, transaction, range, sink);
    }

    /// <summary>The replay inside a read transaction the caller holds.</summary>
    public static void Replay(SqliteConnection connection, SqliteTransaction transaction, TimeRange range, ITrackingSink sink)
    {
        using var messages = new MessageCursor(connection, transaction, range);
        using var rejects = TimedRecordCursor.Rejects(connection, transaction, range);
        using var failures = TimedRecordCursor.AuthFailures(connection, transaction, range);
        IRecordCursor[] cursors = [messages, rejects, failures];
        foreach (var cursor in cursors)
        {
            cursor.MoveNext();
        }

        while (true)
        {
            var next = cursors[0];
            for (var i = 1; i < cursors.Length; i++)
            {
                if (cursors[i].Sequence < next.Sequence)
                {
                    next = cursors[i];
                }
            }

            if (!next.HasCurrent)
            {
                return;
            }

            next.Emit(sink);
            next.MoveNext();
        }
    }
}
