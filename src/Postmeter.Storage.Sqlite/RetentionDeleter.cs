using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Deletes, in one short transaction, up to about a given number of rows older than a cutoff: the oldest messages
/// (with their recipients and hops), rejects, authentication failures, rollup and line-count hours that
/// end before the cutoff, and raw blocks all of whose messages are older. Source positions and the tracker's state
/// are never touched.
/// </summary>
internal sealed class RetentionDeleter : IDisposable
{
    private const int MessagesPerQuery = 64;

    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _oldestMessages;
    private readonly PreparedStatement[] _messageParts;
    private readonly PreparedStatement _rejects;
    private readonly PreparedStatement _authFailures;
    private readonly PreparedStatement _rawBlocks;
    private readonly PeriodTable[] _periodTables;
    private readonly PreparedStatement[] _all;

    public RetentionDeleter(SqliteConnection connection)
    {
        _connection = connection;
        _oldestMessages = new PreparedStatement(connection,
            "SELECT seq FROM messages WHERE completed_at < $cutoff ORDER BY completed_at, seq LIMIT $limit", "cutoff", "limit");
        _messageParts =
        [
            new PreparedStatement(connection,
                """
                DELETE FROM recipients
                WHERE id >= (SELECT first_recipient_id FROM messages WHERE seq = $seq)
                  AND id < (SELECT first_recipient_id + recipient_rows FROM messages WHERE seq = $seq)
                """,
                "seq"),
            new PreparedStatement(connection, "DELETE FROM hops WHERE message_seq = $seq", "seq"),
            new PreparedStatement(connection, "DELETE FROM messages WHERE seq = $seq", "seq"),
        ];
        _rejects = new PreparedStatement(connection,
            "DELETE FROM rejects WHERE seq IN (SELECT seq FROM rejects WHERE time < $cutoff ORDER BY time LIMIT $limit)", "cutoff", "limit");
        _authFailures = new PreparedStatement(connection,
            "DELETE FROM auth_failures WHERE seq IN (SELECT seq FROM auth_failures WHERE time < $cutoff ORDER BY time LIMIT $limit)", "cutoff", "limit");
        _rawBlocks = new PreparedStatement(connection,
            "DELETE FROM raw_blocks WHERE id IN (SELECT id FROM raw_blocks WHERE newest_time < $cutoff ORDER BY id LIMIT $limit)", "cutoff", "limit");
        var dimensions = Enum.GetValues<Rollups.TrafficDimension>();
        _periodTables =
        [
            PeriodTable.Hours(connection, "traffic_hours"),
            PeriodTable.Hours(connection, "returned_hours"),
            .. dimensions.Select(d => PeriodTable.Hours(connection, "traffic_keys_hourly", d)),
            .. dimensions.Select(d => PeriodTable.Days(connection, "traffic_keys_daily", d)),
            PeriodTable.Hours(connection, "line_counts"),
            PeriodTable.Hours(connection, "line_hours"),
        ];
        _all = [_oldestMessages, .. _messageParts, _rejects, _authFailures, _rawBlocks, .. _periodTables.SelectMany(t => new[] { t.Oldest, t.Delete })];
    }

    public int Delete(DateTime cutoff, int maxRows)
    {
        var budget = Math.Max(1, maxRows);
        using var transaction = _connection.BeginTransaction(deferred: false);
        var deleted = DeleteMessages(cutoff, budget, out var messagesLeft);
        deleted += DeleteLimited(_rejects, cutoff, budget - deleted);
        deleted += DeleteLimited(_authFailures, cutoff, budget - deleted);
        if (!messagesLeft)
        {
            // Only once no old message is left can no message point into an old block.
            deleted += DeleteLimited(_rawBlocks, cutoff, budget - deleted);
        }

        foreach (var table in _periodTables)
        {
            deleted += table.DeleteEndedBy(cutoff, budget - deleted);
        }

        transaction.Commit();
        return deleted;
    }

    public void Dispose()
    {
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    private int DeleteMessages(DateTime cutoff, int budget, out bool messagesLeft)
    {
        var deleted = 0;
        var seqs = new List<long>(MessagesPerQuery);
        while (true)
        {
            seqs.Clear();
            _oldestMessages.Time(0, cutoff);
            _oldestMessages.Integer(1, MessagesPerQuery);
            _oldestMessages.Integers(seqs);

            foreach (var seq in seqs)
            {
                if (deleted >= budget)
                {
                    messagesLeft = true;
                    return deleted;
                }

                foreach (var part in _messageParts)
                {
                    part.Integer(0, seq);
                    deleted += part.Execute();
                }
            }

            if (seqs.Count < MessagesPerQuery)
            {
                messagesLeft = false;
                return deleted;
            }
        }
    }

    private static int DeleteLimited(PreparedStatement statement, DateTime cutoff, int budget)
    {
        if (budget <= 0)
        {
            return 0;
        }

        statement.Time(0, cutoff);
        statement.Integer(1, budget);
        return statement.Execute();
    }

    /// <summary>A table of hours or days (of one rollup dimension): a period goes when it ends at or before the cutoff.</summary>
    private sealed record PeriodTable(PreparedStatement Oldest, PreparedStatement Delete, long Length)
    {
        // Table, column and dimension are constants of this class, never caller text.
        public static PeriodTable Hours(SqliteConnection connection, string table, Rollups.TrafficDimension? dimension = null) =>
            Of(connection, table, "hour", dimension, TimeSpan.TicksPerHour);

        public static PeriodTable Days(SqliteConnection connection, string table, Rollups.TrafficDimension dimension) =>
            Of(connection, table, "day", dimension, TimeSpan.TicksPerDay);

        public int DeleteEndedBy(DateTime cutoff, int budget)
        {
            var before = cutoff.Ticks - Length + 1;
            var deleted = 0;
            while (deleted < budget)
            {
                Oldest.Integer(0, before);
                if (Oldest.ScalarInteger() is not { } period)
                {
                    break;
                }

                Delete.Integer(0, period);
                deleted += Delete.Execute();
            }

            return deleted;
        }

        private static PeriodTable Of(SqliteConnection connection, string table, string column, Rollups.TrafficDimension? dimension, long length)
        {
            var only = dimension is { } d ? $"dimension = {(int)d} AND " : string.Empty;
            return new PeriodTable(
                new PreparedStatement(connection, $"SELECT min({column}) FROM {table} WHERE {only}{column} < $before", "before"),
                new PreparedStatement(connection, $"DELETE FROM {table} WHERE {only}{column} = $period", "period"),
                length);
        }
    }
}
