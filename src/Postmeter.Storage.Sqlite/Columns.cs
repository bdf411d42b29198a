using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Reads stored values back into the types they were written from.</summary>
internal static class Columns
{
    /// <summary>A time stored as UTC ticks; a value no DateTime has is damage, named by its column.</summary>
    public static DateTime Time(SqliteDataReader reader, int ordinal) => StoredTime.FromTicks(reader.GetInt64(ordinal), reader.GetName(ordinal));

    public static DateTime? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    /// <summary>An enum stored as its number; a number the enum does not define is damage.</summary>
    public static T Enum<T>(SqliteDataReader reader, int ordinal)
        where T : struct, Enum
    {
        var value = reader.GetInt64(ordinal);
        return StoredEnum.From<T>(value, reader.GetName(ordinal));
    }

    public static T? NullableEnum<T>(SqliteDataReader reader, int ordinal)
        where T : struct, Enum => reader.IsDBNull(ordinal) ? null : Enum<T>(reader, ordinal);

    /// <summary>A count or offset that must fit an int and not be negative.</summary>
    public static int Count(SqliteDataReader reader, int ordinal)
    {
        var value = reader.GetInt64(ordinal);
        return value is >= 0 and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException($"column {reader.GetName(ordinal)} holds {value}, not a count from 0 to {int.MaxValue}");
    }

    /// <summary>A text column declared NOT NULL; null there is damage.</summary>
    public static string Text(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? throw new InvalidDataException($"column {reader.GetName(ordinal)} is empty (NULL) where text is required") : reader.GetString(ordinal);

    public static string? NullableText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInteger(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A text column's UTF-8 bytes (SQLite's own encoding), without making a string of them.</summary>
    public static ReadOnlySpan<byte> Utf8(SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static bool Flag(SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    /// <summary>The ticks a range bound stands for: an open end is the smallest or largest time.</summary>
    public static long From(TimeRange range) => range.From?.Ticks ?? long.MinValue;

    public static long To(TimeRange range) => range.To?.Ticks ?? long.MaxValue;
}
