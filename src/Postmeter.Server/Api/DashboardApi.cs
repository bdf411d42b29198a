using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Server.Api;

/// <summary><c>/api/v1/dashboard</c>: how the mail is doing over a range (<c>from</c> inclusive, <c>to</c> exclusive, ISO 8601).</summary>
internal static class DashboardApi
{
    private const int MaximumTop = 100;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        dashboard.MapGet("/logins", Logins)
            .WithSummary("SMTP AUTH successes and failures per hour or day (zero-filled, UTC), and the client addresses and usernames that fail most.");
        return app;
    }

    private static Results<Ok<LoginsView>, ProblemHttpResult> Logins(IDashboardQueries queries, string? from, string? to, string? granularity, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        var range = Range(from, to, errors);
        var step = Granularity(granularity, errors);
        if (step < TimeSpan.FromDays(1) && range.From is { } first && range.To is { } last && last - first > TimeSpan.FromDays(92))
        {
            errors["granularity"] = ["granularity: hour is for ranges up to 92 days; expected day for a longer one"];
        }

        if (limit is < 1 or > MaximumTop)
        {
            errors["limit"] = [$"limit: {limit} is out of range; expected 1 to {MaximumTop} (default 10)"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var activity = queries.ReadLoginActivity(range, limit ?? 10);
        var buckets = Buckets(range, step, activity.Hours);
        return TypedResults.Ok(new LoginsView(
            buckets, [.. activity.FailingClients.Select(View)], [.. activity.FailingUsernames.Select(View)]));
    }

    private static RankedView View(RankedCount ranked) => new(ranked.Key, ranked.Count);

    /// <summary>One bucket per hour or UTC day from the start of <c>from</c>'s bucket up to <c>to</c>, zero where nothing was logged.</summary>
    private static List<LoginBucketView> Buckets(TimeRange range, TimeSpan step, IReadOnlyList<HourlyLogins> hours)
    {
        var start = Floor(range.From!.Value, step);
        var sums = new Dictionary<DateTime, (long Successes, long Failures)>();
        foreach (var hour in hours)
        {
            var bucket = Floor(hour.Hour, step);
            var sum = sums.GetValueOrDefault(bucket);
            sums[bucket] = (sum.Successes + hour.Successes, sum.Failures + hour.Failures);
        }

        var buckets = new List<LoginBucketView>();
        for (var at = start; at < range.To!.Value; at += step)
        {
            var sum = sums.GetValueOrDefault(at);
            buckets.Add(new LoginBucketView(at, sum.Successes, sum.Failures));
        }

        return buckets;
    }

    private static DateTime Floor(DateTime time, TimeSpan step) => new(time.Ticks - (time.Ticks % step.Ticks), DateTimeKind.Utc);

    private static TimeRange Range(string? from, string? to, Dictionary<string, string[]> errors)
    {
        var start = Time("from", from, errors);
        var end = Time("to", to, errors);
        if (start is not null && end is not null && start >= end)
        {
            errors["to"] = ["to: expected a time after from"];
        }
        else if (start is not null && end is not null && end - start > TimeSpan.FromDays(3660))
        {
            errors["to"] = ["to: the range is longer than ten years"];
        }

        return new TimeRange(start, end);
    }

    private static DateTime? Time(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"{name}: missing; expected an ISO 8601 time such as 2026-12-01 or 2026-12-01T08:00:00Z"];
            return null;
        }

        if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            errors[name] = [$"{name}: not an ISO 8601 time; expected one such as 2026-12-01 or 2026-12-01T08:00:00Z"];
            return null;
        }

        return parsed.UtcDateTime;
    }

    private static TimeSpan Granularity(string? text, Dictionary<string, string[]> errors)
    {
        switch (text)
        {
            case null or "hour":
                return TimeSpan.FromHours(1);
            case "day":
                return TimeSpan.FromDays(1);
            default:
                errors["granularity"] = [$"granularity: '{(text.Length > 20 ? text[..20] + "…" : text)}' is not one; expected hour or day"];
                return TimeSpan.FromHours(1);
        }
    }
}

/// <summary>SMTP AUTH over a range.</summary>
internal sealed record LoginsView(IReadOnlyList<LoginBucketView> Buckets, IReadOnlyList<RankedView> FailingClients, IReadOnlyList<RankedView> FailingUsernames);

/// <summary>One hour or UTC day.</summary>
internal sealed record LoginBucketView(DateTime Time, long Successes, long Failures);

/// <summary>A key of a top list and its count.</summary>
internal sealed record RankedView(string Key, long Count);
