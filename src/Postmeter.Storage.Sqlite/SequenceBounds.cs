using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The sequence numbers between which a table's rows of a time range lie. Reading that stretch in sequence (rowid)
/// order and filtering by time streams the rows in emission order without sorting them.
/// </summary>
internal static class SequenceBounds
{
    /// <summary>False when the range holds no row of <paramref name="table"/>.</summary>
    public static bool Of(SqliteConnection connection, SqliteTransaction transaction, string table, string timeColumn, TimeRange range, out long low, out long high)
    {
        low = long.MinValue;
        high = long.MaxValue;
        if (range.From is null && range.To is null)
        {
            return true;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT min(seq), max(seq) FROM {table} WHERE {timeColumn} >= $from AND {timeColumn} < $to";
        command.Parameters.AddWithValue("$from", Columns.From(range));
        command.Parameters.AddWithValue("$to", Columns.To(range));
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return false;
        }

        low = reader.GetInt64(0);
        high = reader.GetInt64(1);
        return true;
    }
}
