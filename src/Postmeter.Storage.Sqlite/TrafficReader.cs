using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The dashboard's traffic queries on SQLite: the rollup tables of the stored mail, plus the increments of the mail in
/// flight (<see cref="InFlightSnapshots"/>), read in one snapshot. Whole days come from the daily table, the hours
/// before and after them from the hourly one, so a long range reads a few rows per day and key.
/// </summary>
internal static class TrafficReader
{
    public static IReadOnlyList<TrafficRow> Traffic(SqliteConnection connection, InFlightSnapshots inFlight, TimeRange range)
    {
        var hours = RollupPeriods.Hours(range);
        var (from, _, _, to) = RollupPeriods.Split(hours);
        using var transaction = connection.BeginTransaction(deferred: true);
        var sums = new Dictionary<(long Hour, Direction Direction, byte Status), (long Count, long Deferrals)>();
        void Add(long hour, Direction direction, byte status, long count, long deferrals)
        {
            var sum = sums.GetValueOrDefault((hour, direction, status));
            sums[(hour, direction, status)] = (sum.Count + count, sum.Deferrals + deferrals);
        }

        using (var command = Command(connection, transaction,
            $"""
            SELECT hour, direction, status, count, deferral_attempts FROM traffic_hours WHERE hour >= {from} AND hour < {to}
            UNION ALL
            SELECT hour, direction, {TrafficStatus.Returned}, count, 0 FROM returned_hours WHERE hour >= {from} AND hour < {to}
            """))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                Add(r.GetInt64(0), StoredEnum.From<Direction>(r.GetInt64(1), "traffic_hours.direction"), (byte)r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
            }
        }

        var flying = inFlight.Read(connection, transaction).Increments;
        foreach (var (key, count) in flying.Traffic)
        {
            if (key.HourTicks >= from && key.HourTicks < to)
            {
                Add(key.HourTicks, key.Direction, key.Status, count.Count, count.DeferralAttempts);
            }
        }

        foreach (var (key, count) in flying.Returned)
        {
            if (key.HourTicks >= from && key.HourTicks < to)
            {
                Add(key.HourTicks, key.Direction, TrafficStatus.Returned, count, 0);
            }
        }

        return [.. sums.Select(s => new TrafficRow(StoredTime.FromTicks(s.Key.Hour, "traffic_hours.hour"), s.Key.Direction, s.Key.Status, s.Value.Count, s.Value.Deferrals))];
    }

    /// <param name="settled">The writing store's lists over past days, or null (a reader that does not write).</param>
    /// <param name="today">The start of the current UTC day: days before it are over.</param>
    public static IReadOnlyList<RankedCount> Top(
        SqliteConnection connection, InFlightSnapshots inFlight, TrafficQuery query, int limit, SettledTopLists? settled = null, DateTime? today = null)
    {
        if (limit <= 0 || query.Directions.Count == 0 || query.Statuses.Count == 0)
        {
            return [];
        }

        var version = settled?.Version ?? 0;
        using var transaction = connection.BeginTransaction(deferred: true);
        var flying = Flying(connection, transaction, inFlight, query);
        if (settled is not null && today is { } day
            && SettledTop.TryRank(connection, transaction, query, limit, flying, settled, version, day.Ticks - (day.Ticks % TimeSpan.TicksPerDay)) is { } ranked)
        {
            return ranked;
        }

        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var stored = Parts(query, ranked: true);
        using (var command = Command(connection, transaction, $"SELECT key, sum(count) AS n FROM ({stored}) GROUP BY key ORDER BY n DESC, key LIMIT $limit"))
        {
            // A key of mail in flight may outrank any stored one: take as many more as there are such keys.
            command.Parameters.AddWithValue("$limit", (long)limit + flying.Count);
            Sum(command, totals);
        }

        if (flying.Count > 0)
        {
            using var command = Command(connection, transaction, $"SELECT key, sum(count) FROM ({stored}) WHERE key IN (SELECT value FROM json_each($keys)) GROUP BY key");
            command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(flying.Keys));
            foreach (var key in flying.Keys)
            {
                totals.Remove(key);
            }

            Sum(command, totals);
            foreach (var (key, count) in flying)
            {
                totals[key] = totals.GetValueOrDefault(key) + count;
            }
        }

        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(limit).Select(t => new RankedCount(t.Key, t.Value))];
    }

    public static IReadOnlyList<KeyedPeriod> Series(SqliteConnection connection, InFlightSnapshots inFlight, TrafficQuery query, bool daily, IReadOnlyCollection<string> keys)
    {
        if (!daily && RollupPeriods.DailyOnly(query.Dimension))
        {
            throw new ArgumentException($"{query.Dimension} is counted per day only", nameof(daily));
        }

        if (keys.Count == 0 || query.Directions.Count == 0 || query.Statuses.Count == 0)
        {
            return [];
        }

        using var transaction = connection.BeginTransaction(deferred: true);
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var bucket = daily ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour;
        var sums = new Dictionary<(long Period, string Key), long>();
        void Add(long period, string key, long count)
        {
            var start = period - (period % bucket);
            sums[(start, key)] = sums.GetValueOrDefault((start, key)) + count;
        }

        var stored = Parts(query, ranked: false, Periods(query, hourly: !daily), KeyIn);
        using (var command = Command(connection, transaction, stored.Length == 0 ? "SELECT 0, '', 0 WHERE 0" : $"SELECT period, key, sum(count) FROM ({stored}) GROUP BY period, key"))
        {
            command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(wanted));
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                Add(r.GetInt64(0), r.GetString(1), r.GetInt64(2));
            }
        }

        foreach (var (period, key, count) in InFlightCounts(inFlight.Read(connection, transaction).Increments, query, hourly: !daily))
        {
            if (wanted.Contains(key))
            {
                Add(period, key, count);
            }
        }

        return [.. sums.Select(s => new KeyedPeriod(StoredTime.FromTicks(s.Key.Period, "traffic period"), s.Key.Key, s.Value))];
    }

    public static IReadOnlyDictionary<string, string> Examples(SqliteConnection connection, IReadOnlyCollection<string> reasons)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reason, example FROM reason_examples WHERE reason IN (SELECT value FROM json_each($reasons))";
        command.Parameters.AddWithValue("$reasons", JsonSerializer.Serialize(reasons));
        using var r = command.ExecuteReader();
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
        {
            examples[r.GetString(0)] = r.GetString(1);
        }

        return examples;
    }

    /// <summary>
    /// The stored rows of a query as one SELECT of (period, key, count): whole days from the daily table and the edge
    /// hours from the hourly one, or every hour from the hourly one. Only numbers go into the text.
    /// </summary>
    internal static string Parts(TrafficQuery query, bool ranked, bool hourly = false) => Parts(query, ranked, Periods(query, hourly));

    /// <summary><see cref="Parts(TrafficQuery, bool, bool)"/> over given periods: hours [From, DaysFrom), days [DaysFrom, DaysTo), hours [DaysTo, To).</summary>
    /// <param name="keys">
    /// A condition on the key column naming only parameters (<see cref="KeyIn"/>, <see cref="KeyRange"/>), or null. With
    /// one, each period is named (day IN (…)), so SQLite seeks every key of every period instead of reading the periods whole.
    /// </param>
    internal static string Parts(TrafficQuery query, bool ranked, (long From, long DaysFrom, long DaysTo, long To) periods, string? keys = null)
    {
        var (from, daysFrom, daysTo, to) = periods;
        var filter = keys is null ? Filter(query) : $"{Filter(query)} AND {keys}";
        var columns = ranked ? "key, count" : "{0} AS period, key, count";
        var parts = new List<string>();
        if (daysFrom < daysTo)
        {
            parts.Add($"SELECT {string.Format(CultureInfo.InvariantCulture, columns, "day")} FROM traffic_keys_daily WHERE {filter} AND {Within("day", daysFrom, daysTo, TimeSpan.TicksPerDay, keys is not null)}");
        }

        if (!RollupPeriods.DailyOnly(query.Dimension))
        {
            var hourColumns = string.Format(CultureInfo.InvariantCulture, columns, "hour");
            foreach (var (start, end) in new[] { (from, daysFrom), (daysTo, to) })
            {
                if (keys is null || start < end)
                {
                    parts.Add($"SELECT {hourColumns} FROM traffic_keys_hourly WHERE {filter} AND {Within("hour", start, end, TimeSpan.TicksPerHour, keys is not null)}");
                }
            }
        }

        return string.Join(" UNION ALL ", parts);
    }

    /// <summary>A key condition for <see cref="Parts(TrafficQuery, bool, ValueTuple{long, long, long, long}, string?)"/>: one of the JSON array <c>$keys</c>.</summary>
    internal const string KeyIn = "key IN (SELECT value FROM json_each($keys))";

    /// <summary>A key condition: from <c>$low</c> (inclusive) to <c>$high</c> (exclusive), as <see cref="PrefixBounds"/> gives them.</summary>
    internal const string KeyRange = "key >= $low AND key < $high";

    /// <summary>The bounds of the keys that start with <paramref name="prefix"/> (SQLite orders text by code point).</summary>
    internal static (string Low, string High) PrefixBounds(string prefix) =>
        prefix.Length == 0 || char.IsSurrogate(prefix[^1]) || prefix[^1] == char.MaxValue
            ? throw new ArgumentException($"'{prefix}' cannot be a key prefix: it must end with a character below U+FFFF that is not a surrogate", nameof(prefix))
            : (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    /// <summary>The periods of [<paramref name="from"/>, <paramref name="to"/>): a range, or (<paramref name="listed"/>, not too many) each named.</summary>
    private static string Within(string column, long from, long to, long step, bool listed)
    {
        const int MaxListed = 10_000;
        if (!listed || from >= to || (to - from) / step > MaxListed)
        {
            return $"{column} >= {from} AND {column} < {to}";
        }

        var periods = new List<long>();
        for (var period = from; period < to; period += step)
        {
            periods.Add(period);
        }

        return $"{column} IN ({string.Join(',', periods.Select(p => p.ToString(CultureInfo.InvariantCulture)))})";
    }

    /// <summary>The rows of a query's dimension, directions and statuses.</summary>
    internal static string Filter(TrafficQuery query) =>
        $"dimension = {(int)query.Dimension} AND direction IN ({Numbers(query.Directions.Select(d => (int)d))}) AND status IN ({Numbers(query.Statuses.Select(s => (int)s))})";

    /// <summary>The counts per key of the mail in flight at the last commit that a query takes.</summary>
    internal static Dictionary<string, long> Flying(SqliteConnection connection, SqliteTransaction transaction, InFlightSnapshots inFlight, TrafficQuery query) =>
        InFlightCounts(inFlight.Read(connection, transaction).Increments, query).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Count), StringComparer.Ordinal);

    /// <summary>The in-flight counts a query takes, split as <see cref="Parts(TrafficQuery, bool, bool)"/> splits the stored ones.</summary>
    private static IEnumerable<(long Period, string Key, long Count)> InFlightCounts(RollupIncrements flying, TrafficQuery query, bool hourly = false)
    {
        var (from, daysFrom, daysTo, to) = Periods(query, hourly);
        bool Wanted(KeyedCount key) => key.Dimension == query.Dimension && query.Directions.Contains(key.Direction) && query.Statuses.Contains(key.Status);
        foreach (var (key, count) in flying.Daily)
        {
            if (Wanted(key) && key.PeriodTicks >= daysFrom && key.PeriodTicks < daysTo)
            {
                yield return (key.PeriodTicks, key.Key, count);
            }
        }

        foreach (var (key, count) in flying.Hourly)
        {
            if (Wanted(key) && ((key.PeriodTicks >= from && key.PeriodTicks < daysFrom) || (key.PeriodTicks >= daysTo && key.PeriodTicks < to)))
            {
                yield return (key.PeriodTicks, key.Key, count);
            }
        }
    }

    /// <summary>The query's range as whole days and the hours around them, or (<paramref name="hourly"/>) as hours only.</summary>
    internal static (long From, long DaysFrom, long DaysTo, long To) Periods(TrafficQuery query, bool hourly)
    {
        var split = RollupPeriods.Split(RollupPeriods.Aligned(query.Dimension, query.Range));
        return hourly ? (split.From, split.To, split.To, split.To) : split;
    }

    internal static void Sum(SqliteCommand command, Dictionary<string, long> totals)
    {
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            totals[r.GetString(0)] = r.GetInt64(1);
        }
    }

    internal static string Numbers(IEnumerable<int> values) => string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
