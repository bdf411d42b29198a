using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Reads stored values back into the types they were written from.</summary>
internal static class Columns
{
    public static DateTime Time(SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), DateTimeKind.Utc);

    public static DateTime? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTime(reader.GetInt64(ordinal), DateTimeKind.Utc);

    public static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInteger(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A text column's UTF-8 bytes (SQLite's own encoding), without making a string of them.</summary>
    public static ReadOnlySpan<byte> Utf8(SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static bool Flag(SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    /// <summary>The ticks a range bound stands for: an open end is the smallest or largest time.</summary>
    public static long From(TimeRange range) => range.From?.Ticks ?? long.MinValue;

    public static long To(TimeRange range) => range.To?.Ticks ?? long.MaxValue;
}
