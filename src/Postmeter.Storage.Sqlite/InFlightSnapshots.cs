using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The messages still in flight at the last commit, ended as a reader ends them, and their rollup increments —
/// computed once per commit, not per request (the saved tracker state, the source positions and the number of the
/// last commit that wrote saved messages tell whether anything was read since), for the dashboard and the detective.
/// The saved messages are kept decoded from one commit to the next, and only the rows written since are read again
/// (<c>tracker_messages.written</c>): while following a busy server thousands wait in the tracker, and decoding them
/// all after every commit cost more than the import. Holds the ended messages without their log lines.
/// </summary>
internal sealed class InFlightSnapshots
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TrackerSnapshot.MessageState> _saved = [];
    private long _savedUpTo = -1;
    private Cached? _last;

    /// <summary>How many saved messages are held decoded (for tests: those gone from the store must go from here too).</summary>
    internal int HeldSavedMessages
    {
        get
        {
            lock (_lock)
            {
                return _saved.Count;
            }
        }
    }

    public InFlightSnapshot Read(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT (SELECT state FROM tracker_state WHERE id = 1), (SELECT coalesce(sum(offset), 0) + coalesce(sum(lines), 0) FROM sources),
                (SELECT messages_written FROM tracker_state WHERE id = 1)
            """;
        byte[] header;
        long positions;
        long written;
        using (var r = command.ExecuteReader())
        {
            r.Read();
            header = r.IsDBNull(0) ? [] : (byte[])r.GetValue(0);
            positions = r.GetInt64(1);
            written = r.IsDBNull(2) ? 0 : r.GetInt64(2);
        }

        lock (_lock)
        {
            if (_last is { } last && last.Positions == positions && last.Written == written && last.Header.AsSpan().SequenceEqual(header))
            {
                return last.Snapshot;
            }

            if (written < _savedUpTo)
            {
                // A request on a snapshot older than the one held: answer it whole, and keep the newer one.
                var old = new Collector();
                InFlightReplayer.EndInFlight(connection, transaction, old);
                return new InFlightSnapshot(old.Increments, old.Messages);
            }

            CatchUp(connection, transaction, written);
            var collector = new Collector();
            if (header.Length > 0)
            {
                var ending = new InFlightEnding(TrackerSnapshot.FromBytes(header));
                foreach (var state in _saved.Values)
                {
                    ending.Index(state);
                }

                ending.Check();
                ending.End(id => _saved.GetValueOrDefault(id), collector);
            }

            var snapshot = new InFlightSnapshot(collector.Increments, collector.Messages);
            _last = new Cached(header, positions, written, snapshot);
            return snapshot;
        }
    }

    /// <summary>Reads the saved messages written after the ones held, and drops those no longer saved.</summary>
    private void CatchUp(SqliteConnection connection, SqliteTransaction transaction, long written)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, state FROM tracker_messages WHERE written > $after";
        command.Parameters.AddWithValue("$after", _savedUpTo);
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                // Without the log lines: the ended messages are held without them.
                _saved[r.GetInt64(0)] = TrackerSnapshot.MessageFromBytes((byte[])r.GetValue(1)) with { RawLines = null };
            }
        }

        var stillSaved = new HashSet<long>(_saved.Count);
        command.CommandText = "SELECT id FROM tracker_messages";
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                stillSaved.Add(r.GetInt64(0));
            }
        }

        foreach (var id in _saved.Keys.Where(id => !stillSaved.Contains(id)).ToList())
        {
            _saved.Remove(id);
        }

        _savedUpTo = written;
    }

    private sealed record Cached(byte[] Header, long Positions, long Written, InFlightSnapshot Snapshot);

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
