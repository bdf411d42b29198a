using Microsoft.Data.Sqlite;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>Adds <see cref="RollupIncrements"/> to the rollup tables (upserts) in the connection's open transaction.</summary>
internal sealed class RollupWriter : IDisposable
{
    private readonly PreparedStatement _traffic;
    private readonly PreparedStatement _returned;
    private readonly PreparedStatement _hourly;
    private readonly PreparedStatement _daily;
    private readonly PreparedStatement _example;

    public RollupWriter(SqliteConnection connection)
    {
        _traffic = new PreparedStatement(connection,
            """
            INSERT INTO traffic_hours (hour, direction, status, count, deferral_attempts) VALUES ($hour, $direction, $status, $count, $deferral_attempts)
            ON CONFLICT (hour, direction, status) DO UPDATE SET count = count + excluded.count, deferral_attempts = deferral_attempts + excluded.deferral_attempts
            """,
            "hour", "direction", "status", "count", "deferral_attempts");
        _returned = new PreparedStatement(connection,
            """
            INSERT INTO returned_hours (hour, direction, count) VALUES ($hour, $direction, $count)
            ON CONFLICT (hour, direction) DO UPDATE SET count = count + excluded.count
            """,
            "hour", "direction", "count");
        _hourly = KeyedUpsert(connection, "traffic_keys_hourly", "hour");
        _daily = KeyedUpsert(connection, "traffic_keys_daily", "day");
        _example = new PreparedStatement(connection,
            "INSERT INTO reason_examples (reason, example) VALUES ($reason, $example) ON CONFLICT (reason) DO NOTHING", "reason", "example");
    }

    public PreparedStatement[] Statements => [_traffic, _returned, _hourly, _daily, _example];

    public void Write(RollupIncrements rollups)
    {
        foreach (var (key, count) in rollups.Traffic)
        {
            _traffic.Integer(0, key.HourTicks);
            _traffic.Integer(1, (long)key.Direction);
            _traffic.Integer(2, key.Status);
            _traffic.Integer(3, count.Count);
            _traffic.Integer(4, count.DeferralAttempts);
            _traffic.Execute();
        }

        foreach (var (key, count) in rollups.Returned)
        {
            _returned.Integer(0, key.HourTicks);
            _returned.Integer(1, (long)key.Direction);
            _returned.Integer(2, count);
            _returned.Execute();
        }

        Write(_hourly, rollups.Hourly);
        Write(_daily, rollups.Daily);
        foreach (var (reason, example) in rollups.Examples)
        {
            _example.Text(0, reason);
            _example.Text(1, example);
            _example.Execute();
        }
    }

    public void Dispose()
    {
        foreach (var statement in Statements)
        {
            statement.Dispose();
        }
    }

    private static void Write(PreparedStatement upsert, IReadOnlyDictionary<KeyedCount, long> counts)
    {
        foreach (var (key, count) in counts)
        {
            upsert.Integer(0, (long)key.Dimension);
            upsert.Integer(1, key.PeriodTicks);
            upsert.Integer(2, (long)key.Direction);
            upsert.Integer(3, key.Status);
            upsert.Text(4, key.Key);
            upsert.Integer(5, count);
            upsert.Execute();
        }
    }

    // The table and period column are constants of this class, never caller text.
    private static PreparedStatement KeyedUpsert(SqliteConnection connection, string table, string period) => new(connection,
        $"""
        INSERT INTO {table} (dimension, {period}, direction, status, key, count) VALUES ($dimension, $period, $direction, $status, $key, $count)
        ON CONFLICT (dimension, {period}, direction, status, key) DO UPDATE SET count = count + excluded.count
        """,
        "dimension", "period", "direction", "status", "key", "count");
}
