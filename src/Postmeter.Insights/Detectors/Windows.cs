using Postmeter.Storage;

namespace Postmeter.Insights.Detectors;

/// <summary>The time windows detectors look back over.</summary>
internal static class Windows
{
    /// <summary>The window of <paramref name="length"/> that ends at <paramref name="now"/>.</summary>
    public static TimeRange Ending(DateTime now, TimeSpan length) => new(now - length, now);

    /// <summary>The start of the hour of <paramref name="time"/>.</summary>
    public static DateTime Hour(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);
}

/// <summary>A window in an insight's content.</summary>
public sealed record Interval(DateTime From, DateTime To);

/// <summary>A key of a ranked list in an insight's content (a client address, a username, a domain).</summary>
public sealed record Counted(string Key, long Count);
