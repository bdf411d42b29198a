using Microsoft.Data.Sqlite;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Every key of a query added up, when no head of a list will do: every domain counts towards its provider group, and
/// a failure cause's list of domains is asked for whole. Over past days (<see cref="SettledTopLists"/>) the totals are
/// kept whole, made once from every (day, key) row; the rest of the range (edge hours, today, the mail in flight) is
/// added up per request.
/// </summary>
internal static class SettledTotals
{
    public static Dictionary<string, long> Sum(
        SqliteConnection connection, InFlightSnapshots inFlight, TrafficQuery query, KeySelection selection, SettledTopLists? settled, DateTime today)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        if (query.Directions.Count == 0 || query.Statuses.Count == 0)
        {
            return totals;
        }

        var version = settled?.Version ?? 0;
        using var transaction = connection.BeginTransaction(deferred: true);
        Add(totals, TrafficReader.Flying(connection, transaction, inFlight, query), selection.Map);

        var periods = TrafficReader.Periods(query, hourly: false);
        var (_, daysFrom, daysTo, _) = periods;
        var pastTo = Math.Min(daysTo, today.Ticks - (today.Ticks % TimeSpan.TicksPerDay));
        Dictionary<string, long> Stored(string rows) => Rows(connection, transaction, rows, selection);
        if (settled is null || pastTo - daysFrom < SettledTop.MinDays * TimeSpan.TicksPerDay)
        {
            Add(totals, Stored(TrafficReader.Parts(query, ranked: true, periods, selection.Condition)), selection.Map);
            return totals;
        }

        var name = $"totals|{selection.Name}|{SettledTop.Name(query)}";
        var past = settled.Find(name, daysFrom, pastTo, version);
        if (past is null || !Equals(past.Grouping, selection.Identity))
        {
            var pastTotals = new Dictionary<string, long>(StringComparer.Ordinal);
            Add(pastTotals, Stored(TrafficReader.Parts(query, ranked: true, (daysFrom, daysFrom, pastTo, pastTo), selection.Condition)), selection.Map);
            past = new SettledTopList(daysFrom, pastTo, version, pastTotals, 0) { Grouping = selection.Identity };
            settled.Keep(name, past);
        }

        Add(totals, past.Head, map: null);
        Add(totals, Stored(SettledTop.Rest(query, periods, past, selection.Condition)), selection.Map);
        return totals;
    }

    /// <summary>Adds counts per key to <paramref name="totals"/>, each under the name the map gives it (left out when null).</summary>
    private static void Add(Dictionary<string, long> totals, IEnumerable<KeyValuePair<string, long>> counts, Func<string, string?>? map)
    {
        foreach (var (key, count) in counts)
        {
            if ((map is null ? key : map(key)) is { } name)
            {
                totals[name] = totals.GetValueOrDefault(name) + count;
            }
        }
    }

    /// <summary>Rows of (key, count), added up per key, with the selection's parameters bound.</summary>
    private static Dictionary<string, long> Rows(SqliteConnection connection, SqliteTransaction transaction, string rows, KeySelection selection)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        if (rows.Length > 0)
        {
            using var command = TrafficReader.Command(connection, transaction, $"SELECT key, sum(count) FROM ({rows}) GROUP BY key");
            foreach (var (parameter, value) in selection.Parameters)
            {
                command.Parameters.AddWithValue(parameter, value);
            }

            TrafficReader.Sum(command, sums);
        }

        return sums;
    }
}

/// <summary>Which keys <see cref="SettledTotals"/> adds up, and under which names.</summary>
/// <param name="Name">Names the selection in the kept totals' names.</param>
/// <param name="Identity">What kept totals were made by: they serve only a selection with an equal one.</param>
/// <param name="Condition">A condition on the key column (parameters only), or null for every key.</param>
/// <param name="Map">The name a key is counted under, or null to leave it out.</param>
internal sealed record KeySelection(string Name, object Identity, string? Condition, IReadOnlyDictionary<string, string> Parameters, Func<string, string?> Map)
{
    /// <summary>Every key, counted under its provider group.</summary>
    public static KeySelection Grouped(Core.Classification.ProviderGroups groups) =>
        new($"groups:{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(groups)}", groups, null, new Dictionary<string, string>(), key => groups.GroupOf(key));

    /// <summary>The keys that start with <paramref name="prefix"/>.</summary>
    public static KeySelection Prefixed(string prefix)
    {
        var (low, high) = TrafficReader.PrefixBounds(prefix);
        return new($"prefix:{prefix}", prefix, TrafficReader.KeyRange, new Dictionary<string, string> { ["$low"] = low, ["$high"] = high },
            key => key.StartsWith(prefix, StringComparison.Ordinal) ? key : null);
    }
}
