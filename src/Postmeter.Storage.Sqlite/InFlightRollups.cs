using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The rollup increments of the messages still in flight at the last commit, ended as a reader ends them, computed
/// once per commit: the saved tracker state and the source positions tell whether anything was read since.
/// </summary>
internal sealed class InFlightRollups
{
    private readonly Lock _lock = new();
    private Snapshot? _last;

    public RollupIncrements Read(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT state FROM tracker_state WHERE id = 1), (SELECT coalesce(sum(offset), 0) + coalesce(sum(lines), 0) FROM sources)";
        byte[] header;
        long positions;
        using (var r = command.ExecuteReader())
        {
            r.Read();
            header = r.IsDBNull(0) ? [] : (byte[])r.GetValue(0);
            positions = r.GetInt64(1);
        }

        lock (_lock)
        {
            if (_last is { } last && last.Positions == positions && last.Header.AsSpan().SequenceEqual(header))
            {
                return last.Increments;
            }
        }

        var increments = new RollupIncrements();
        InFlightReplayer.EndInFlight(connection, transaction, new Counter(increments));
        lock (_lock)
        {
            _last = new Snapshot(header, positions, increments);
        }

        return increments;
    }

    private sealed record Snapshot(byte[] Header, long Positions, RollupIncrements Increments);

    private sealed class Counter(RollupIncrements increments) : ITrackingSink
    {
        public void OnMessage(TrackedMessage message) => increments.Add(message);

        public void OnReject(RejectRecord reject) => increments.Add(reject);

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}
