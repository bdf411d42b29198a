using System.Globalization;
using Postmeter.Core.Tracking;
using Postmeter.Storage;

namespace Postmeter.Server.Api;

/// <summary>
/// Reads the dashboard's query parameters, collecting one message per wrong field (what was wrong and what was
/// expected) for a single 422 answer.
/// </summary>
internal sealed class DashboardParameters
{
    public const int MaximumLimit = 100;

    private static readonly TimeSpan LongestHourly = TimeSpan.FromDays(92);
    private static readonly Direction[] AllDirections = [Core.Tracking.Direction.Outbound, Core.Tracking.Direction.Inbound, Core.Tracking.Direction.Local];

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Valid => Errors.Count == 0;

    /// <summary><c>from</c> (inclusive) and <c>to</c> (exclusive), both required, at most ten years apart.</summary>
    public TimeRange Range(string? from, string? to)
    {
        var start = Time("from", from);
        var end = Time("to", to);
        if (start is not null && end is not null && start >= end)
        {
            Errors["to"] = ["to: expected a time after from"];
        }
        else if (start is not null && end is not null && end - start > TimeSpan.FromDays(3660))
        {
            Errors["to"] = ["to: the range is longer than ten years"];
        }

        return new TimeRange(start, end);
    }

    /// <summary><c>hour</c> (the default) or <c>day</c>; hours for ranges up to 92 days.</summary>
    public TimeSpan Granularity(string? text, TimeRange range)
    {
        var step = text switch
        {
            null or "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            _ => Fail("granularity", $"granularity: '{Shorten(text)}' is not one; expected hour or day", TimeSpan.FromHours(1)),
        };
        if (step < TimeSpan.FromDays(1) && range.From is { } first && range.To is { } last && last - first > LongestHourly)
        {
            Errors["granularity"] = ["granularity: hour is for ranges up to 92 days; expected day for a longer one"];
        }

        return step;
    }

    /// <summary><c>outbound</c>, <c>inbound</c>, <c>local</c> or <c>all</c>; <paramref name="fallback"/> when not given.</summary>
    public (string Name, IReadOnlyCollection<Direction> Directions) Direction(string? text, string fallback = "outbound") => (text ?? fallback) switch
    {
        "outbound" => ("outbound", [Core.Tracking.Direction.Outbound]),
        "inbound" => ("inbound", [Core.Tracking.Direction.Inbound]),
        "local" => ("local", [Core.Tracking.Direction.Local]),
        "all" => ("all", AllDirections),
        _ => Fail<(string, IReadOnlyCollection<Direction>)>("direction", $"direction: '{Shorten(text!)}' is not one; expected outbound, inbound, local or all", ("all", AllDirections)),
    };

    /// <summary>One of <paramref name="names"/>, or <paramref name="fallback"/> when not given.</summary>
    public string OneOf(string field, string? text, string? fallback, params string[] names)
    {
        if (text is null)
        {
            return fallback ?? Fail(field, $"{field}: missing; expected one of {string.Join(", ", names)}", names[0]);
        }

        return Array.IndexOf(names, text) >= 0
            ? text
            : Fail(field, $"{field}: '{Shorten(text)}' is not one; expected one of {string.Join(", ", names)}", names[0]);
    }

    /// <summary>1 to <see cref="MaximumLimit"/>, 10 when not given.</summary>
    public int Limit(int? limit) => limit is < 1 or > MaximumLimit
        ? Fail("limit", $"limit: {limit} is out of range; expected 1 to {MaximumLimit} (default 10)", 10)
        : limit ?? 10;

    /// <summary>One bucket start per hour or UTC day from the start of <c>from</c>'s bucket up to <c>to</c>.</summary>
    public static List<DateTime> Buckets(TimeRange range, TimeSpan step)
    {
        var buckets = new List<DateTime>();
        for (var at = Floor(range.From!.Value, step); at < range.To!.Value; at += step)
        {
            buckets.Add(at);
        }

        return buckets;
    }

    /// <summary>An ISO 8601 time (UTC unless it gives an offset) of at most 40 characters.</summary>
    public static bool TryParseTime(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }

    public static DateTime Floor(DateTime time, TimeSpan step) => new(time.Ticks - (time.Ticks % step.Ticks), DateTimeKind.Utc);

    private DateTime? Time(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail<DateTime?>(name, $"{name}: missing; expected an ISO 8601 time such as 2026-12-01 or 2026-12-01T08:00:00Z", null);
        }

        return TryParseTime(text, out var parsed)
            ? parsed
            : Fail<DateTime?>(name, $"{name}: not an ISO 8601 time; expected one such as 2026-12-01 or 2026-12-01T08:00:00Z", null);
    }

    private T Fail<T>(string field, string message, T fallback)
    {
        Errors[field] = [message];
        return fallback;
    }

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
