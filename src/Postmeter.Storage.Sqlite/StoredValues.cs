namespace Postmeter.Storage.Sqlite;

/// <summary>Times as the store keeps them (UTC ticks), checked when read back.</summary>
internal static class StoredTime
{
    public static DateTime FromTicks(long ticks, string what) =>
        ticks is >= 0 and <= 3155378975999999999 // DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : throw new InvalidDataException($"{what} holds {ticks}, which is not a time (UTC ticks from 0 to {DateTime.MaxValue.Ticks})");
}

/// <summary>Enums as the store keeps them (their numbers, all below 256), checked when read back.</summary>
internal static class StoredEnum
{
    public static T From<T>(long value, string what)
        where T : struct, Enum
    {
        if (value is >= 0 and <= byte.MaxValue && Defined<T>.Values[value] is { } known)
        {
            return known;
        }

        throw new InvalidDataException($"{what} holds {value}, which is no {typeof(T).Name}");
    }

    /// <summary>Each defined member by its number, so that checking a value read back is one array look-up.</summary>
    private static class Defined<T>
        where T : struct, Enum
    {
        public static readonly T?[] Values = Build();

        private static T?[] Build()
        {
            var values = new T?[byte.MaxValue + 1];
            foreach (var member in Enum.GetValues<T>())
            {
                var number = Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture);
                if (number is >= 0 and <= byte.MaxValue)
                {
                    values[number] = member;
                }
            }

            return values;
        }
    }
}
