using System.Globalization;

namespace Postmeter.Storage;

/// <summary>
/// Parses how long data is kept (<c>--data-retention</c>): a number and a unit, or several (<c>90d</c>, <c>12w</c>,
/// <c>1y</c>, <c>2160h</c>, <c>1d12h</c>, Lightmeter's Go durations such as <c>720h0m0s</c>). Units: <c>y</c> (365 days),
/// <c>w</c>, <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>; numbers may have a fraction (<c>1.5d</c>).
/// </summary>
public static class RetentionPeriod
{
    /// <summary>Kept when nothing else is configured: 90 days.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromDays(90);

    private const string Expected = "expected a number and a unit (y, w, d, h, m, s), such as 90d, 12w, 1y or 2160h";

    /// <summary>The period as the log shows it: whole days as <c>90d</c>, anything else in hours (<c>36h</c>).</summary>
    public static string Format(TimeSpan period) => period.TotalDays == Math.Floor(period.TotalDays)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{period.TotalDays:0}d")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{period.TotalHours:0}h");

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan().Trim();
        if (rest.IsEmpty)
        {
            throw new FormatException($"retention period '{text}' is empty; {Expected}");
        }

        var total = 0m;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            var unitStart = digits;
            while (unitStart < rest.Length && rest[unitStart] == ' ')
            {
                unitStart++;
            }

            var letters = unitStart;
            while (letters < rest.Length && char.IsAsciiLetter(rest[letters]))
            {
                letters++;
            }

            if (digits == 0 || !decimal.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                throw new FormatException($"retention period '{text}' is not a duration; {Expected}");
            }

            var unit = rest[unitStart..letters];
            if (unit.IsEmpty)
            {
                throw new FormatException($"retention period '{text}' has a number without a unit; {Expected}");
            }

            total += number * SecondsPer(unit, text);
            rest = rest[letters..].TrimStart(' ');
        }

        if (total <= 0)
        {
            throw new FormatException($"retention period '{text}' is zero; expected a positive duration such as 90d (it would delete everything)");
        }

        if (total > (decimal)TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new FormatException($"retention period '{text}' is too long; {Expected}");
        }

        return TimeSpan.FromTicks((long)(total * TimeSpan.TicksPerSecond));
    }

    private static decimal SecondsPer(ReadOnlySpan<char> unit, string text) => unit switch
    {
        "y" => 365 * 86400m,
        "w" => 7 * 86400m,
        "d" => 86400m,
        "h" => 3600m,
        "m" => 60m,
        "s" => 1m,
        "ms" => 0.001m,
        _ => throw new FormatException($"retention period '{text}' has the unknown unit '{unit}'; {Expected}"),
    };
}
