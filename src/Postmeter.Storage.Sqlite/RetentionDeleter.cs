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
    private readonly (PreparedStatement Oldest, PreparedStatement Delete)[] _hourTables;
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
        _hourTables =
        [
            HourTable(connection, "rollup_hourly"),
            HourTable(connection, "line_counts"),
            HourTable(connection, "line_hours"),
        ];
        _all = [_oldestMessages, .. _messageParts, _rejects, _authFailures, _rawBlocks, .. _hourTables.SelectMany(t => new[] { t.Oldest, t.Delete })];
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

        // An hour goes when it ends at or before the cutoff.
        var hoursBefore = cutoff.Ticks - TimeSpan.TicksPerHour + 1;
        foreach (var (oldest, delete) in _hourTables)
        {
            deleted += DeleteHours(oldest, delete, hoursBefore, budget - deleted);
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

    private static (PreparedStatement Oldest, PreparedStatement Delete) HourTable(SqliteConnection connection, string table) => (
        new PreparedStatement(connection, $"SELECT min(hour) FROM {table} WHERE hour < $before", "before"),
        new PreparedStatement(connection, $"DELETE FROM {table} WHERE hour = $hour", "hour"));

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

    private static int DeleteHours(PreparedStatement oldest, PreparedStatement delete, long hoursBefore, int budget)
    {
        var deleted = 0;
        while (deleted < budget)
        {
            oldest.Integer(0, hoursBefore);
            if (oldest.ScalarInteger() is not { } hour)
            {
                break;
            }

            delete.Integer(0, hour);
            deleted += delete.Execute();
        }

        return deleted;
    }
}
