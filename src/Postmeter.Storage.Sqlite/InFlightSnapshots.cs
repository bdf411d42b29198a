using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The messages still in flight at the last commit, ended as a reader ends them, and their rollup increments —
/// computed once per commit, not per request (the saved tracker state and the source positions tell whether anything
/// was read since), for the dashboard and the detective. Holds the ended messages without their log lines.
/// </summary>
internal sealed class InFlightSnapshots
{
    private readonly Lock _lock = new();
    private Cached? _last;

    public InFlightSnapshot Read(SqliteConnection connection, SqliteTransaction transaction)
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
                return last.Snapshot;
            }
        }

        var collector = new Collector();
        InFlightReplayer.EndInFlight(connection, transaction, collector);
        var snapshot = new InFlightSnapshot(collector.Increments, collector.Messages);
        lock (_lock)
        {
            _last = new Cached(header, positions, snapshot);
        }

        return snapshot;
    }

    private sealed record Cached(byte[] Header, long Positions, InFlightSnapshot Snapshot);

    private sealed class Collector : ITrackingSink
    {
        public RollupIncrements Increments { get; } = new();

        public List<TrackedMessage> Messages { get; } = [];

        public void OnMessage(TrackedMessage message)
        {
            Increments.Add(message);
            Messages.Add(message);
        }

        public void OnReject(RejectRecord reject) => Increments.Add(reject);

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}

/// <summary>The mail in flight at one commit: its rollup increments and the ended messages (never changed once made).</summary>
internal sealed record InFlightSnapshot(RollupIncrements Increments, IReadOnlyList<TrackedMessage> Messages);
