using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Core.Classification;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/dashboard</c>: how the mail is doing over a range (<c>from</c> inclusive, <c>to</c> exclusive, ISO 8601),
/// counted in the whole hours that overlap it (whole UTC days for senders and recipients), which each answer names.
/// A final recipient counts at the time its message ended, as <c>report --from --to</c> counts it.
/// </summary>
internal static class DashboardApi
{
    private static readonly string[] Fates = ["sent", "bounced", "deferred", "expired", "discarded"];

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/api/v1/dashboard").WithTags("Dashboard")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        dashboard.MapGet("/status", Status)
            .WithSummary("Final recipients by fate, returned messages and rejects over a range, of one direction (default outbound) or all; with all, the numbers of report --from --to.");
        dashboard.MapGet("/timeseries", Timeseries)
            .WithSummary("The same counts per hour or UTC day: one zero-filled array per fate, aligned with times.");
        dashboard.MapGet("/top", Top)
            .WithSummary("The recipient domains, provider groups, sender domains, senders or recipients with the most final recipients of a fate (or any).");
        dashboard.MapGet("/mailboxes", Mailboxes)
            .WithSummary("The local mailboxes that sent, received, bounced, deferred or expired the most, each with its series per hour or day.");
        dashboard.MapGet("/reasons", Reasons)
            .WithSummary("Why mail fails: the top causes of bounces, deferral attempts or rejects, each with its count, the domains it hit and one full reply.");
        dashboard.MapGet("/logins", Logins)
            .WithSummary("SMTP AUTH successes and failures per hour or day (zero-filled, UTC), and the client addresses and usernames that fail most.");
        return app;
    }

    private static Results<Ok<StatusView>, ProblemHttpResult> Status(IDashboardQueries queries, string? from, string? to, string? direction)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var (name, directions) = parameters.Direction(direction);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var hours = RollupPeriods.Hours(range);
        var counts = new Dictionary<byte, long>();
        var deferrals = 0L;
        foreach (var row in queries.ReadTraffic(hours))
        {
            if (Counts(row, directions))
            {
                counts[row.Status] = counts.GetValueOrDefault(row.Status) + row.Count;
                deferrals += row.DeferralAttempts;
            }
        }

        return TypedResults.Ok(new StatusView(
            hours.From!.Value, hours.To!.Value, name,
            counts.GetValueOrDefault((byte)Fate.Sent), counts.GetValueOrDefault((byte)Fate.Bounced), counts.GetValueOrDefault((byte)Fate.Deferred),
            counts.GetValueOrDefault((byte)Fate.Expired), counts.GetValueOrDefault((byte)Fate.Discarded),
            counts.GetValueOrDefault(TrafficStatus.Returned), counts.GetValueOrDefault(TrafficStatus.Rejected), deferrals));
    }

    private static Results<Ok<TimeseriesView>, ProblemHttpResult> Timeseries(IDashboardQueries queries, string? from, string? to, string? granularity, string? direction)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var step = parameters.Granularity(granularity, range);
        var (name, directions) = parameters.Direction(direction);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var hours = RollupPeriods.Hours(range);
        var times = DashboardParameters.Buckets(hours, step);
        var index = times.Select((time, i) => (time, i)).ToDictionary(p => p.time, p => p.i);
        var series = new Dictionary<byte, long[]>();
        foreach (var row in queries.ReadTraffic(hours))
        {
            if (Counts(row, directions) && index.TryGetValue(DashboardParameters.Floor(row.Hour, step), out var at))
            {
                if (!series.TryGetValue(row.Status, out var values))
                {
                    values = new long[times.Count];
                    series[row.Status] = values;
                }

                values[at] += row.Count;
            }
        }

        long[] Of(byte status) => series.GetValueOrDefault(status) ?? new long[times.Count];
        return TypedResults.Ok(new TimeseriesView(
            hours.From!.Value, hours.To!.Value, step == TimeSpan.FromDays(1) ? "day" : "hour", name, times,
            Of((byte)Fate.Sent), Of((byte)Fate.Bounced), Of((byte)Fate.Deferred), Of((byte)Fate.Expired), Of((byte)Fate.Discarded),
            Of(TrafficStatus.Returned), Of(TrafficStatus.Rejected)));
    }

    private static Results<Ok<TopView>, ProblemHttpResult> Top(
        IDashboardQueries queries, ProviderGroups providers, string? kind, string? status, string? from, string? to, string? direction, int? limit)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var what = parameters.OneOf("kind", kind, null, "recipient-domains", "provider-groups", "sender-domains", "senders", "recipients");
        var fate = parameters.OneOf("status", status, "any", ["any", .. Fates]);
        var (name, directions) = parameters.Direction(direction);
        var count = parameters.Limit(limit);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var dimension = what switch
        {
            "recipient-domains" or "provider-groups" => TrafficDimension.RecipientDomain,
            "sender-domains" => TrafficDimension.SenderDomain,
            "senders" => TrafficDimension.Sender,
            _ => TrafficDimension.Recipient,
        };
        var query = new TrafficQuery(dimension, range, directions, FateStatuses(fate));
        var items = what == "provider-groups"
            ? queries.ReadTopGroups(query, providers, count)
            : queries.ReadTop(query, count);
        IReadOnlyList<RankedView> ranked = [.. items.Select(r => new RankedView(r.Key, r.Count))];
        var counted = RollupPeriods.Aligned(dimension, range);
        return TypedResults.Ok(new TopView(counted.From!.Value, counted.To!.Value, what, fate, name, ranked));
    }

    private static Results<Ok<MailboxesView>, ProblemHttpResult> Mailboxes(
        IDashboardQueries queries, string? kind, string? granularity, string? from, string? to, int? limit)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var what = parameters.OneOf("kind", kind, null, "sent", "received", "bounced", "deferred", "expired");
        var step = parameters.Granularity(granularity, range);
        var count = parameters.Limit(limit);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var query = new TrafficQuery(
            what == "received" ? TrafficDimension.MailboxReceived : TrafficDimension.MailboxSent,
            range,
            [Direction.Outbound, Direction.Inbound, Direction.Local],
            FateStatuses(what == "received" ? "sent" : what));
        var hours = RollupPeriods.Hours(range);
        var times = DashboardParameters.Buckets(hours, step);
        var index = times.Select((time, i) => (time, i)).ToDictionary(p => p.time, p => p.i);
        var top = queries.ReadTop(query, count);
        var series = top.ToDictionary(t => t.Key, _ => new long[times.Count], StringComparer.Ordinal);
        foreach (var period in queries.ReadSeries(query, step == TimeSpan.FromDays(1), [.. series.Keys]))
        {
            if (series.TryGetValue(period.Key, out var values) && index.TryGetValue(DashboardParameters.Floor(period.Period, step), out var at))
            {
                values[at] += period.Count;
            }
        }

        return TypedResults.Ok(new MailboxesView(
            hours.From!.Value, hours.To!.Value, what, step == TimeSpan.FromDays(1) ? "day" : "hour", times,
            [.. top.Select(t => new MailboxSeriesView(t.Key, t.Count, series[t.Key]))]));
    }

    private static Results<Ok<ReasonsView>, ProblemHttpResult> Reasons(IDashboardQueries queries, string? status, string? from, string? to, int? limit)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var what = parameters.OneOf("status", status, null, "bounced", "deferred", "rejected");
        var count = parameters.Limit(limit);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        byte code = what switch
        {
            "bounced" => (byte)Fate.Bounced,
            "deferred" => (byte)Fate.Deferred,
            _ => TrafficStatus.Rejected,
        };
        IReadOnlyCollection<Direction> directions = [Direction.Outbound, Direction.Inbound, Direction.Local];
        var reasons = queries.ReadTop(new TrafficQuery(TrafficDimension.Reason, range, directions, [code]), count);
        var domainQuery = new TrafficQuery(TrafficDimension.ReasonDomain, range, directions, [code]);
        var examples = queries.ReadReasonExamples([.. reasons.Select(r => r.Key)]);
        var hours = RollupPeriods.Hours(range);
        return TypedResults.Ok(new ReasonsView(hours.From!.Value, hours.To!.Value, what, [.. reasons.Select(r =>
        {
            var reason = FailureReason.FromKey(r.Key);
            var prefix = r.Key + TrafficStatus.DomainSeparator;
            var hit = queries.ReadKeysWithPrefix(domainQuery, prefix).Select(d => new RankedView(d.Key[prefix.Length..], d.Count)).ToList();
            return new ReasonView(reason.Category, reason.Provider, reason.Text, r.Count, hit.Count, [.. hit.Take(5)], examples.GetValueOrDefault(r.Key));
        })]));
    }

    private static Results<Ok<LoginsView>, ProblemHttpResult> Logins(IDashboardQueries queries, string? from, string? to, string? granularity, int? limit)
    {
        var parameters = new DashboardParameters();
        var range = parameters.Range(from, to);
        var step = parameters.Granularity(granularity, range);
        var count = parameters.Limit(limit);
        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var activity = queries.ReadLoginActivity(range, count);
        var sums = new Dictionary<DateTime, (long Successes, long Failures)>();
        foreach (var hour in activity.Hours)
        {
            var bucket = DashboardParameters.Floor(hour.Hour, step);
            var sum = sums.GetValueOrDefault(bucket);
            sums[bucket] = (sum.Successes + hour.Successes, sum.Failures + hour.Failures);
        }

        var buckets = DashboardParameters.Buckets(range, step)
            .Select(at => new LoginBucketView(at, sums.GetValueOrDefault(at).Successes, sums.GetValueOrDefault(at).Failures)).ToList();
        return TypedResults.Ok(new LoginsView(
            buckets, [.. activity.FailingClients.Select(View)], [.. activity.FailingUsernames.Select(View)]));
    }

    private static bool Counts(TrafficRow row, IReadOnlyCollection<Direction> directions) =>
        directions.Contains(row.Direction);

    /// <summary>The rollups' statuses of a fate the API names (any: every fate).</summary>
    internal static IReadOnlyCollection<byte> FateStatuses(string fate) => fate switch
    {
        "any" => [(byte)Fate.Sent, (byte)Fate.Bounced, (byte)Fate.Deferred, (byte)Fate.Expired, (byte)Fate.Discarded],
        "sent" => [(byte)Fate.Sent],
        "bounced" => [(byte)Fate.Bounced],
        "deferred" => [(byte)Fate.Deferred],
        "expired" => [(byte)Fate.Expired],
        _ => [(byte)Fate.Discarded],
    };

    private static RankedView View(RankedCount ranked) => new(ranked.Key, ranked.Count);
}
