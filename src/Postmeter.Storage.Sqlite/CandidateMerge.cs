using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The candidates of several index scans merged newest first (by descending sequence number, each once), read a
/// chunk at a time: what a search then checks with its full conditions.
/// </summary>
internal sealed class CandidateMerge : IDisposable
{
    private static readonly List<string?> NoKey = [null];

    /// <summary>Scans one stream runs at most, one per key.</summary>
    private const int MaxKeys = 1000;

    private readonly List<Scan> _scans = [];

    public CandidateMerge(SqliteConnection connection, SqliteTransaction transaction, DetectiveFilters filters, long beforeSequence, int chunk)
    {
        long? beforeRecipient = null;
        if (filters.WantsMessages)
        {
            foreach (var stream in filters.MessageStreams())
            {
                beforeRecipient ??= stream.ByRecipientId ? RecipientBound(connection, transaction, beforeSequence) : null;
                var before = stream.ByRecipientId ? beforeRecipient!.Value : beforeSequence;
                var keys = stream.PerKey switch
                {
                    StreamKeys.RelayHosts => RelayHosts(connection, transaction, filters.RelayKey!),
                    StreamKeys.ProviderDomains => ProviderDomains(connection, transaction, filters.Provider!),
                    _ => NoKey,
                };
                foreach (var key in keys)
                {
                    _scans.Add(new Scan(connection, transaction, filters, stream.Sql, before, chunk, isReject: false, key));
                }
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

    /// <summary>
    /// The relay hosts (reversed) that are the domain or end in it: one index seek each, so a domain whose relays
    /// carried millions of deliveries costs no more than one with a few.
    /// </summary>
    private static List<string?> RelayHosts(SqliteConnection connection, SqliteTransaction transaction, string domainKey)
    {
        var hosts = new List<string?>();
        using (var exact = connection.CreateCommand())
        {
            exact.Transaction = transaction;
            exact.CommandText = "SELECT 1 FROM recipients WHERE relay_key = $key LIMIT 1";
            exact.Parameters.AddWithValue("$key", domainKey);
            if (exact.ExecuteScalar() is not null)
            {
                hosts.Add(domainKey);
            }
        }

        hosts.AddRange(ValuesUnder(connection, transaction, "relay_key", domainKey).Take(MaxKeys - hosts.Count));
        return hosts;
    }

    /// <summary>
    /// The recipient domains of the workspace in a provider group: the group's whole domains, and those found under
    /// each of its names with any top-level domain (one index seek each).
    /// </summary>
    private static List<string?> ProviderDomains(SqliteConnection connection, SqliteTransaction transaction, Storage.Detective.ProviderFilter provider)
    {
        var domains = new List<string?>(provider.Rules.DomainsOf(provider.Group));
        foreach (var name in provider.Rules.NamesUnderAnyTopLevelOf(provider.Group))
        {
            domains.AddRange(ValuesUnder(connection, transaction, "domain", name).Where(d => provider.Rules.GroupOf(d) == provider.Group).Take(MaxKeys - domains.Count));
        }

        return domains;
    }

    /// <summary>
    /// The distinct values of an indexed column of <c>recipients</c> that are <paramref name="name"/> followed by a dot
    /// and more (the hosts of a domain, reversed; the domains under a name), in order: one index seek each, however many
    /// rows carry each value.
    /// </summary>
    private static IEnumerable<string> ValuesUnder(SqliteConnection connection, SqliteTransaction transaction, string column, string name)
    {
        using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = $"SELECT min({column}) FROM recipients WHERE {column} > $after AND {column} < $end";
        var after = next.Parameters.AddWithValue("$after", name + ".");
        next.Parameters.AddWithValue("$end", name + "/");
        while (next.ExecuteScalar() is string value)
        {
            yield return value;
            after.Value = value;
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

        public Scan(SqliteConnection connection, SqliteTransaction transaction, DetectiveFilters filters, string sql, long before, int chunk, bool isReject, string? key = null)
        {
            IsReject = isReject;
            _chunk = chunk;
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            filters.Bind(_command);
            _before = _command.Parameters.AddWithValue("$before", before);
            _command.Parameters.AddWithValue("$chunk", chunk);
            _command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
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
