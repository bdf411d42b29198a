using Microsoft.Data.Sqlite;
using Postmeter.Core.Processing;

namespace Postmeter.Storage.Sqlite;

/// <summary>The hourly line counts of a range, and the newest log time stored.</summary>
internal static class SummaryReader
{
    public static LineStatistics LineStatistics(SqliteConnection connection, TimeRange range)
    {
        var statistics = new LineStatistics();
        using var transaction = connection.BeginTransaction(deferred: true);
        using (var hours = HourCommand(connection, range,
            "SELECT first_time, last_time, postfix_version FROM line_hours WHERE hour >= $from AND hour < $to ORDER BY hour"))
        {
            hours.Transaction = transaction;
            using var r = hours.ExecuteReader();
            while (r.Read())
            {
                statistics.Include(Columns.NullableTime(r, 0), Columns.NullableTime(r, 1));
                statistics.SetPostfixVersion(Columns.NullableText(r, 2));
            }
        }

        using (var counts = HourCommand(connection, range,
            "SELECT counter, sum(count) FROM line_counts WHERE hour >= $from AND hour < $to GROUP BY counter ORDER BY counter"))
        {
            counts.Transaction = transaction;
            using var r = counts.ExecuteReader();
            while (r.Read())
            {
                statistics.AddCounter(r.GetString(0), r.GetInt64(1));
            }
        }

        return statistics;
    }

    public static DateTime? NewestLogTime(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT max(coalesce((SELECT max(completed_at) FROM messages), -1),
                       coalesce((SELECT max(time) FROM rejects), -1),
                       coalesce((SELECT max(time) FROM auth_failures), -1),
                       coalesce((SELECT max(last_time) FROM line_hours), -1))
            """;
        var ticks = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return ticks < 0 ? null : StoredTime.FromTicks(ticks, "the newest stored time");
    }

    /// <summary>A query over the hours that overlap the range: hour starts from the hour holding From, before To.</summary>
    private static SqliteCommand HourCommand(SqliteConnection connection, TimeRange range, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", range.From is { } from ? HourlyLineStatistics.HourOf(from).Ticks : long.MinValue);
        command.Parameters.AddWithValue("$to", Columns.To(range));
        return command;
    }
}
