using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The candidates of several index scans merged newest first (by descending sequence number, each once), read a
/// chunk at a time: what a search then checks with its full conditions.
/// </summary>
internal sealed class CandidateMerge : IDisposable
{
    private readonly List<Scan> _scans = [];

    public CandidateMerge(SqliteConnection connection, SqliteTransaction transaction, DetectiveFilters filters, long beforeSequence, int chunk)
    {
        long? beforeRecipient = null;
        if (filters.WantsMessages)
        {
            foreach (var stream in filters.MessageStreams())
            {
                beforeRecipient ??= stream.ByRecipientId ? RecipientBound(connection, transaction, beforeSequence) : null;
                _scans.Add(new Scan(connection, transaction, filters, stream.Sql, stream.ByRecipientId ? beforeRecipient!.Value : beforeSequence, chunk, isReject: false));
            }
        }

        if (filters.WantsRejects)
        {
            _scans.Add(new Scan(connection, transaction, filters, filters.RejectStream().Sql, beforeSequence, chunk, isReject: true));
        }
    }

    /// <summary>The next candidate: its sequence number and whether it is a reject; null when every scan is done.</summary>
    public (long Sequence, bool IsReject)? Next()
    {
        Scan? newest = null;
        foreach (var scan in _scans)
        {
            if (scan.Current is { } seq && (newest?.Current is not { } best || seq > best))
            {
                newest = scan;
            }
        }

        if (newest?.Current is not { } next)
        {
            return null;
        }

        var isReject = newest.IsReject;
        foreach (var scan in _scans)
        {
            while (scan.Current == next)
            {
                scan.Advance();
            }
        }

        return (next, isReject);
    }

    public void Dispose()
    {
        foreach (var scan in _scans)
        {
            scan.Dispose();
        }
    }

    /// <summary>The first recipient id of the messages at or after <paramref name="sequence"/>: recipients are numbered in message order.</summary>
    private static long RecipientBound(SqliteConnection connection, SqliteTransaction transaction, long sequence)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT first_recipient_id FROM messages WHERE seq >= $seq AND recipient_rows > 0 ORDER BY seq LIMIT 1";
        command.Parameters.AddWithValue("$seq", sequence);
        return command.ExecuteScalar() is long id ? id : long.MaxValue;
    }

    /// <summary>One index scan, refilled a chunk at a time from where the last chunk ended.</summary>
    private sealed class Scan : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _before;
        private readonly Queue<(long Key, long Sequence)> _buffer = new();
        private readonly int _chunk;
        private bool _exhausted;

        public Scan(SqliteConnection connection, SqliteTransaction transaction, DetectiveFilters filters, string sql, long before, int chunk, bool isReject)
        {
            IsReject = isReject;
            _chunk = chunk;
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            filters.Bind(_command);
            _before = _command.Parameters.AddWithValue("$before", before);
            _command.Parameters.AddWithValue("$chunk", chunk);
            Fill();
        }

        public bool IsReject { get; }

        public long? Current => _buffer.TryPeek(out var head) ? head.Sequence : null;

        public void Advance()
        {
            var (key, _) = _buffer.Dequeue();
            if (_buffer.Count == 0 && !_exhausted)
            {
                _before.Value = key;
                Fill();
            }
        }

        public void Dispose() => _command.Dispose();

        private void Fill()
        {
            using var reader = _command.ExecuteReader();
            var read = 0;
            while (reader.Read())
            {
                _buffer.Enqueue((reader.GetInt64(0), reader.GetInt64(1)));
                read++;
            }

            _exhausted = read < _chunk;
        }
    }
}
