using Microsoft.Data.Sqlite;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Storage.Sqlite;

/// <summary>The dashboard's queries on SQLite: hourly line counts and the stored authentication failures.</summary>
internal static class DashboardReader
{
    private const string SuccessCounter = "sasl_logins";
    private static readonly string FailureCounter = "kind:" + PostfixEventKind.SaslFailure;

    public static LoginActivity Logins(SqliteConnection connection, TimeRange range, int top)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var hours = new List<HourlyLogins>();
        using (var counts = Command(connection, transaction,
            """
            SELECT hour, sum(CASE WHEN counter = $success THEN count ELSE 0 END), sum(CASE WHEN counter = $failure THEN count ELSE 0 END)
            FROM line_counts WHERE hour >= $from AND hour < $to AND counter IN ($success, $failure)
            GROUP BY hour ORDER BY hour
            """))
        {
            counts.Parameters.AddWithValue("$from", range.From is { } from ? HourlyLineStatistics.HourOf(from).Ticks : long.MinValue);
            counts.Parameters.AddWithValue("$to", Columns.To(range));
            counts.Parameters.AddWithValue("$success", SuccessCounter);
            counts.Parameters.AddWithValue("$failure", FailureCounter);
            using var r = counts.ExecuteReader();
            while (r.Read())
            {
                hours.Add(new HourlyLogins(StoredTime.FromTicks(r.GetInt64(0), "line_counts.hour"), r.GetInt64(1), r.GetInt64(2)));
            }
        }

        return new LoginActivity(hours, Top(connection, transaction, range, "client_ip", top), Top(connection, transaction, range, "username", top));
    }

    private static List<RankedCount> Top(SqliteConnection connection, SqliteTransaction transaction, TimeRange range, string column, int top)
    {
        // The column is one of two constants, never caller text.
        using var command = Command(connection, transaction,
            $"""
            SELECT {column}, count(*) AS n FROM auth_failures
            WHERE time >= $from AND time < $to AND {column} IS NOT NULL
            GROUP BY {column} ORDER BY n DESC, {column} LIMIT $top
            """);
        command.Parameters.AddWithValue("$from", range.From?.Ticks ?? long.MinValue);
        command.Parameters.AddWithValue("$to", range.To?.Ticks ?? long.MaxValue);
        command.Parameters.AddWithValue("$top", top);
        using var r = command.ExecuteReader();
        var ranked = new List<RankedCount>();
        while (r.Read())
        {
            ranked.Add(new RankedCount(r.GetString(0), r.GetInt64(1)));
        }

        return ranked;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
