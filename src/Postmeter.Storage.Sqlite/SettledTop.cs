using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// A top list over a range that covers many past days, from the head of the list over those days
/// (<see cref="SettledTopLists"/>, made once) and the rest of the range (the edge hours, today, the mail in flight)
/// added up per request. It is exact or not given: a key outside both heads counts at most the sum of their bounds, so
/// when the last key ranked counts more, nothing left out could rank; when it does not, the caller adds up every row.
/// </summary>
internal static class SettledTop
{
    /// <summary>Keys kept per list over past days.</summary>
    private const int HeadLength = 1000;

    /// <summary>Past days worth a kept list, and the most whose keys are looked up one day at a time.</summary>
    internal const long MinDays = 2;
    private const long MaxDays = 400;

    public static IReadOnlyList<RankedCount>? TryRank(
        SqliteConnection connection, SqliteTransaction transaction, TrafficQuery query, int limit, IReadOnlyDictionary<string, long> flying,
        SettledTopLists settled, long version, long todayStart)
    {
        var (from, daysFrom, daysTo, to) = TrafficReader.Periods(query, hourly: false);
        var pastTo = Math.Min(daysTo, todayStart);
        if (pastTo - daysFrom < MinDays * TimeSpan.TicksPerDay)
        {
            return null;
        }

        var daysWithRows = DaysWithRows(connection, transaction, query, daysFrom, pastTo);
        if (daysWithRows.Count > MaxDays)
        {
            return null;
        }

        var name = Name(query);
        var past = settled.Find(name, daysFrom, pastTo, version);
        if (past is null)
        {
            var (head, bound) = Head(connection, transaction, $"SELECT key, count FROM traffic_keys_daily WHERE {TrafficReader.Filter(query)} AND day >= {daysFrom} AND day < {pastTo}", HeadLength);
            past = new SettledTopList(daysFrom, pastTo, version, head, bound);
            settled.Keep(name, past);
        }

        var days = daysWithRows.Where(d => d >= past.DaysFrom && d < past.DaysTo).ToList();
        var rest = Rest(query, (from, daysFrom, daysTo, to), past);
        var (recent, recentBound) = rest.Length == 0 ? (new Dictionary<string, long>(), 0L) : Head(connection, transaction, rest, Math.Max(limit * 4, 100));

        var candidates = past.Head.Keys.Concat(recent.Keys).Concat(flying.Keys).ToHashSet(StringComparer.Ordinal);
        long Known(string key) => past.Head.GetValueOrDefault(key) + recent.GetValueOrDefault(key) + flying.GetValueOrDefault(key);
        long Upper(string key) => Known(key) + (past.Head.ContainsKey(key) ? 0 : past.Bound) + (recent.ContainsKey(key) ? 0 : recentBound);
        var lowest = candidates.Select(Known).OrderDescending().Skip(limit - 1).FirstOrDefault();

        // Only keys that could rank need their missing parts.
        var uncertain = candidates.Where(k => Upper(k) != Known(k) && Upper(k) >= lowest).ToList();
        var missingPast = Lookup(connection, transaction,
            $"SELECT key, count FROM traffic_keys_daily WHERE {TrafficReader.Filter(query)} AND day IN ({Days(days)})",
            uncertain.Where(k => !past.Head.ContainsKey(k) && past.Bound > 0));
        var missingRecent = rest.Length == 0 ? [] : Lookup(connection, transaction, rest, uncertain.Where(k => !recent.ContainsKey(k) && recentBound > 0));
        var exact = candidates
            .Where(k => Upper(k) == Known(k) || uncertain.Contains(k))
            .Select(k => (Key: k, Count: Known(k) + missingPast.GetValueOrDefault(k) + missingRecent.GetValueOrDefault(k)))
            .Where(k => k.Count > 0)
            .OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

        var leftOut = past.Bound + recentBound;
        if (leftOut > 0 && (exact.Count < limit || exact[^1].Count <= leftOut))
        {
            return null;
        }

        return [.. exact.Select(k => new RankedCount(k.Key, k.Count))];
    }

    /// <summary>What names a kept list: the query's dimension, directions and statuses (its days are the list's own).</summary>
    internal static string Name(TrafficQuery query) =>
        $"{(int)query.Dimension}|{TrafficReader.Numbers(query.Directions.Select(d => (int)d).Order())}|{TrafficReader.Numbers(query.Statuses.Select(s => (int)s).Order())}";

    /// <summary>
    /// The rows of a range that a list kept over some of its past days leaves out: hours before the first whole day, the
    /// days before the list's and after it (today among them), hours after the last whole day.
    /// </summary>
    /// <param name="keys">A condition on the key column, as <see cref="TrafficReader.Parts(TrafficQuery, bool, ValueTuple{long, long, long, long}, string?)"/> takes it.</param>
    internal static string Rest(TrafficQuery query, (long From, long DaysFrom, long DaysTo, long To) periods, SettledTopList past, string? keys = null) =>
        string.Join(" UNION ALL ", new[]
        {
            TrafficReader.Parts(query, ranked: true, (periods.From, periods.DaysFrom, past.DaysFrom, past.DaysFrom), keys),
            TrafficReader.Parts(query, ranked: true, (past.DaysTo, past.DaysTo, periods.DaysTo, periods.To), keys),
        }.Where(p => p.Length > 0));

    /// <summary>The first keys of rows of (key, count), added up per key, and the count of the next one (0 when none is left out).</summary>
    private static (Dictionary<string, long> Head, long Bound) Head(SqliteConnection connection, SqliteTransaction transaction, string rows, int length)
    {
        using var command = TrafficReader.Command(connection, transaction, $"SELECT key, sum(count) AS n FROM ({rows}) GROUP BY key ORDER BY n DESC, key LIMIT {length + 1}");
        var head = new Dictionary<string, long>(StringComparer.Ordinal);
        var bound = 0L;
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            if (head.Count == length)
            {
                bound = r.GetInt64(1);
                break;
            }

            head[r.GetString(0)] = r.GetInt64(1);
        }

        return (head, bound);
    }

    private static Dictionary<string, long> Lookup(SqliteConnection connection, SqliteTransaction transaction, string rows, IEnumerable<string> keys)
    {
        var wanted = keys.ToList();
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }

        using var command = TrafficReader.Command(connection, transaction, $"SELECT key, sum(count) FROM ({rows}) WHERE key IN (SELECT value FROM json_each($keys)) GROUP BY key");
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(wanted));
        TrafficReader.Sum(command, found);
        return found;
    }

    /// <summary>The days in [<paramref name="from"/>, <paramref name="to"/>) that hold rows of the query's dimension (a key is then looked up day by day).</summary>
    private static List<long> DaysWithRows(SqliteConnection connection, SqliteTransaction transaction, TrafficQuery query, long from, long to)
    {
        using var command = TrafficReader.Command(connection, transaction,
            // Apart: SQLite finds a lone min() or max() at one end of the index, but scans the range for both together.
            $"""
            SELECT (SELECT min(day) FROM traffic_keys_daily WHERE dimension = {(int)query.Dimension} AND day >= {from} AND day < {to}),
                (SELECT max(day) FROM traffic_keys_daily WHERE dimension = {(int)query.Dimension} AND day >= {from} AND day < {to})
            """);
        using var r = command.ExecuteReader();
        r.Read();
        if (r.IsDBNull(0))
        {
            return [];
        }

        var days = new List<long>();
        for (var day = r.GetInt64(0); day <= r.GetInt64(1) && days.Count <= MaxDays; day += TimeSpan.TicksPerDay)
        {
            days.Add(day);
        }

        return days;
    }

    private static string Days(List<long> days) => days.Count == 0 ? "NULL" : string.Join(',', days.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
