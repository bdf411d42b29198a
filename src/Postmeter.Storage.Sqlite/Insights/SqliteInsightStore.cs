using System.Text;
using Microsoft.Data.Sqlite;
using Postmeter.Storage.Insights;
using static Postmeter.Storage.Sqlite.PooledDatabase;

namespace Postmeter.Storage.Sqlite.Insights;

/// <summary>Insights and their notification queue in the workspace database, each call one short transaction.</summary>
public sealed class SqliteInsightStore : IInsightStore
{
    private const string Columns = "id, type, subject, category, rating, time, updated_at, resolved_at, archived, history, usefulness, content";
    private const string QueueColumns = "id, insight_id, channel, queued_at, next_try_at, tries, last_error";

    private readonly PooledDatabase _database;

    private SqliteInsightStore(PooledDatabase database) => _database = database;

    /// <summary>The insights of a workspace whose schema is current; no workspace lock needed.</summary>
    /// <exception cref="WorkspaceException">No workspace there, or one this version must first upgrade.</exception>
    public static SqliteInsightStore Open(string workspaceDirectory) => new(PooledDatabase.OpenCurrent(workspaceDirectory, "insights"));

    public IReadOnlyList<Insight> ReadOpen() =>
        _database.Run(c => ReadAll(Command(c, $"SELECT {Columns} FROM insights WHERE resolved_at IS NULL ORDER BY id"), ReadInsight));

    public Insight? FindLatest(string type, string subject) => _database.Run(c => ReadAll(Command(c,
        $"SELECT {Columns} FROM insights WHERE type = $type AND subject = $subject ORDER BY time DESC, id DESC LIMIT 1",
        ("$type", type), ("$subject", subject)), ReadInsight).FirstOrDefault());

    public Insight? Open(NewInsight insight, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(insight);
        ArgumentNullException.ThrowIfNull(channels);
        return _database.InTransaction(c =>
        {
            var opened = ReadAll(Command(c,
                $"""
                INSERT INTO insights (type, subject, category, rating, time, updated_at, resolved_at, archived, history, content)
                VALUES ($type, $subject, $category, $rating, $time, $time, $resolved, $history, $history, $content)
                ON CONFLICT (type, subject) WHERE resolved_at IS NULL DO NOTHING
                RETURNING {Columns}
                """,
                ("$type", insight.Type), ("$subject", insight.Subject), ("$category", insight.Category), ("$rating", insight.Rating),
                ("$time", insight.Time.Ticks), ("$resolved", insight.Event ? insight.Time.Ticks : null), ("$history", insight.History ? 1 : 0),
                ("$content", insight.Content)), ReadInsight).FirstOrDefault();
            if (opened is not null && !insight.History)
            {
                foreach (var channel in channels)
                {
                    Queue(c, opened.Id, channel, insight.Time);
                }
            }

            return opened;
        });
    }

    public void Update(long id, string content, DateTime at) => _database.Run(c => Execute(c,
        "UPDATE insights SET content = $content, updated_at = $at WHERE id = $id", ("$id", id), ("$content", content), ("$at", at.Ticks)));

    public void Resolve(long id, DateTime at) => _database.Run(c => Execute(c,
        "UPDATE insights SET resolved_at = max($at, time), updated_at = max($at, updated_at) WHERE id = $id AND resolved_at IS NULL",
        ("$id", id), ("$at", at.Ticks)));

    public bool Reopen(long id, string content, DateTime at) => _database.Run(c =>
    {
        try
        {
            // Open again is in the feed again, unless it is history (archived for good).
            return Execute(c, "UPDATE insights SET resolved_at = NULL, archived = history, content = $content, updated_at = $at WHERE id = $id AND resolved_at IS NOT NULL",
                ("$id", id), ("$content", content), ("$at", at.Ticks)) == 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return false;
        }
    });

    public Insight? Find(long id) =>
        _database.Run(c => ReadAll(Command(c, $"SELECT {Columns} FROM insights WHERE id = $id", ("$id", id)), ReadInsight).FirstOrDefault());

    public IReadOnlyList<Insight> Read(InsightFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new StringBuilder("WHERE (time, id) < ($beforeTime, $beforeId)");
        var parameters = new List<(string, object?)> { ("$limit", filter.Limit) };
        var before = filter.BeforeId is { } beforeId ? Find(beforeId) : null;
        parameters.Add(("$beforeTime", before?.Time.Ticks ?? long.MaxValue));
        parameters.Add(("$beforeId", before?.Id ?? long.MaxValue));
        void And(string condition, string name, object? value)
        {
            where.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }

        if (filter.Category is { } category)
        {
            And("category = $category", "$category", category);
        }

        if (filter.Rating is { } rating)
        {
            And("rating = $rating", "$rating", rating);
        }

        if (filter.ExcludedType is { } excluded)
        {
            And("type <> $excluded", "$excluded", excluded);
        }

        if (filter.From is { } from)
        {
            And("time >= $from", "$from", from.Ticks);
        }

        if (filter.To is { } to)
        {
            And("time < $to", "$to", to.Ticks);
        }

        where.Append(filter.Status switch
        {
            "open" => " AND resolved_at IS NULL AND archived = 0",
            "resolved" => " AND resolved_at IS NOT NULL AND archived = 0",
            "archived" => " AND archived = 1",
            "active" => " AND archived = 0",
            _ => string.Empty,
        });
        return _database.Run(c => ReadAll(Command(c, $"SELECT {Columns} FROM insights {where} ORDER BY time DESC, id DESC LIMIT $limit", [.. parameters]), ReadInsight));
    }

    public bool Archive(long id) => _database.Run(c => Execute(c, "UPDATE insights SET archived = 1 WHERE id = $id", ("$id", id)) == 1);

    public bool Rate(long id, string? usefulness) =>
        _database.Run(c => Execute(c, "UPDATE insights SET usefulness = $usefulness WHERE id = $id", ("$id", id), ("$usefulness", usefulness)) == 1);

    public string? GetState(string key) =>
        _database.Run(c => ReadAll(Command(c, "SELECT value FROM insight_engine WHERE key = $key", ("$key", key)), r => r.GetString(0)).FirstOrDefault());

    public void SetState(string key, string value) => _database.Run(c => Execute(c,
        "INSERT INTO insight_engine (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ("$key", key), ("$value", value)));

    public void Enqueue(long insightId, string channel, DateTime at) => _database.Run(c => Queue(c, insightId, channel, at));

    public IReadOnlyList<QueuedNotification> ReadDue(DateTime now, int limit) => _database.Run(c => ReadAll(Command(c,
        $"SELECT {QueueColumns} FROM insight_notifications WHERE outcome IS NULL AND next_try_at <= $now ORDER BY next_try_at, id LIMIT $limit",
        ("$now", now.Ticks), ("$limit", limit)), ReadQueued));

    public DateTime? NextDue() => _database.Run(c => ReadAll(Command(c,
        "SELECT min(next_try_at) FROM insight_notifications WHERE outcome IS NULL"), r => OptionalTime(r, 0)).FirstOrDefault());

    public void Delivered(long? notificationId, string channel, DateTime at) => _database.InTransaction(c =>
    {
        if (notificationId is { } id)
        {
            Execute(c, "UPDATE insight_notifications SET outcome = 'sent', done_at = $at, tries = tries + 1 WHERE id = $id", ("$id", id), ("$at", at.Ticks));
        }

        return Execute(c,
            """
            INSERT INTO notification_channels (channel, last_sent_at) VALUES ($channel, $at)
            ON CONFLICT (channel) DO UPDATE SET last_sent_at = excluded.last_sent_at
            """,
            ("$channel", channel), ("$at", at.Ticks));
    });

    public void Failed(long? notificationId, string channel, string error, DateTime at, DateTime? retryAt) => _database.InTransaction(c =>
    {
        if (notificationId is { } id)
        {
            Execute(c,
                """
                UPDATE insight_notifications SET tries = tries + 1, last_error = $error,
                    next_try_at = coalesce($retry, next_try_at), outcome = CASE WHEN $retry IS NULL THEN 'failed' END,
                    done_at = CASE WHEN $retry IS NULL THEN $at END
                WHERE id = $id
                """,
                ("$id", id), ("$error", error), ("$at", at.Ticks), ("$retry", retryAt?.Ticks));
        }

        return Execute(c,
            """
            INSERT INTO notification_channels (channel, last_error_at, last_error) VALUES ($channel, $at, $error)
            ON CONFLICT (channel) DO UPDATE SET last_error_at = excluded.last_error_at, last_error = excluded.last_error
            """,
            ("$channel", channel), ("$at", at.Ticks), ("$error", error));
    });

    public IReadOnlyList<ChannelStatus> ReadChannels() => _database.Run(c => ReadAll(Command(c,
        """
        SELECT channel, last_sent_at, last_error_at, last_error,
            (SELECT count(*) FROM insight_notifications n WHERE n.channel = s.channel AND n.outcome IS NULL)
        FROM (SELECT channel FROM notification_channels UNION SELECT DISTINCT channel FROM insight_notifications WHERE outcome IS NULL) s
        LEFT JOIN notification_channels USING (channel)
        ORDER BY channel
        """),
        r => new ChannelStatus(r.GetString(0), OptionalTime(r, 1), OptionalTime(r, 2), Text(r, 3), r.GetInt32(4))));

    public void Dispose() => _database.Dispose();

    private static int Queue(SqliteConnection c, long insightId, string channel, DateTime at) => Execute(c,
        "INSERT INTO insight_notifications (insight_id, channel, queued_at, next_try_at) VALUES ($insight, $channel, $at, $at)",
        ("$insight", insightId), ("$channel", channel), ("$at", at.Ticks));

    private static Insight ReadInsight(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Time(r, 5), Time(r, 6), OptionalTime(r, 7),
        r.GetInt64(8) != 0, r.GetInt64(9) != 0, Text(r, 10), r.GetString(11));

    private static QueuedNotification ReadQueued(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), Time(r, 3), Time(r, 4), r.GetInt32(5), Text(r, 6));
}
