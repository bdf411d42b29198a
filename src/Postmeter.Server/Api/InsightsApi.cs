using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Insights.Engine;
using Postmeter.Server.Accounts;
using Postmeter.Storage.Insights;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/insights</c>: what the engine found, newest first. Everyone signed in reads them; admins archive them,
/// rate their usefulness and snooze a type.
/// </summary>
internal static class InsightsApi
{
    public const int MaximumLimit = 200;

    private static readonly string[] Statuses = ["open", "resolved", "archived", "active"];

    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/api/v1/insights").WithTags("Insights").AddEndpointFilter<CsrfCheck>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        insights.MapGet("/", List)
            .WithSummary("Insights newest first: by category, rating, status (open, resolved, archived; active is open or resolved, not archived) and opening time; pages by cursor.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        insights.MapGet("/{id:long}", One).WithSummary("One insight.").ProducesProblem(StatusCodes.Status404NotFound);
        insights.MapPost("/{id:long}/archive", Archive).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("Archives an insight (it leaves the feed; idempotent).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        insights.MapPost("/{id:long}/rating", Rate).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("Rates an insight's usefulness: useful, not_useful, or null to clear.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        insights.MapPost("/types/{type}/snooze", Snooze).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("Snoozes a type: no insight of it opens (nor is notified) for the hours given; 0 ends a snooze.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static Results<Ok<InsightPage>, ProblemHttpResult> List(
        HttpContext context, IInsightStore store, InsightEngine engine, TimeProvider clock, string? category, string? rating, string? status, string? from, string? to, string? cursor, int? limit)
    {
        var parameters = new DashboardParameters();
        var errors = parameters.Errors;
        var chosenCategory = category is null ? null : parameters.OneOf("category", category, null, "local", "intel", "news");
        var chosenRating = rating is null ? null : parameters.OneOf("rating", rating, null, "bad", "ok", "good", "unrated");
        var chosenStatus = status is null ? null : parameters.OneOf("status", status, null, Statuses);
        var start = OptionalTime("from", from, errors);
        var end = OptionalTime("to", to, errors);
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && store.Find(id) is not null)
            {
                before = id;
            }
            else
            {
                errors["cursor"] = ["cursor: expected the next_cursor of the previous page"];
            }
        }

        var count = limit ?? 50;
        if (count is < 1 or > MaximumLimit)
        {
            errors["limit"] = [$"limit: {limit} is out of range; expected 1 to {MaximumLimit} (default 50)"];
        }

        if (!parameters.Valid)
        {
            return Problems.Invalid(errors);
        }

        var found = store.Read(new InsightFilter(chosenCategory, chosenRating, chosenStatus, start, end, before, count + 1) { ExcludedType = HiddenFrom(context) });
        var now = clock.GetUtcNow().UtcDateTime;
        var page = found.Take(count).Select(i => View(i, engine, now)).ToList();
        var next = found.Count > count ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new InsightPage(page, next));
    }

    private static Results<Ok<InsightView>, ProblemHttpResult> One(long id, HttpContext context, IInsightStore store, InsightEngine engine, TimeProvider clock) =>
        store.Find(id) is { } insight && insight.Type != HiddenFrom(context) ? TypedResults.Ok(View(insight, engine, clock.GetUtcNow().UtcDateTime)) : NotFound(id);

    /// <summary>Escalations name who asked and from where, as <c>/detective/escalations</c> does: admins only.</summary>
    private static string? HiddenFrom(HttpContext context) => context.User.IsInRole(Roles.Admin) ? null : Insights.Detectors.DetectiveEscalations.TypeName;

    private static Results<Ok<InsightView>, ProblemHttpResult> Archive(
        long id, HttpContext context, IInsightStore store, InsightEngine engine, AuditTrail audit, TimeProvider clock)
    {
        if (!store.Archive(id))
        {
            return NotFound(id);
        }

        audit.Record(context, "insight archived", $"#{id}");
        return TypedResults.Ok(View(store.Find(id)!, engine, clock.GetUtcNow().UtcDateTime));
    }

    private static Results<Ok<InsightView>, ProblemHttpResult> Rate(long id, RatingRequest request, IInsightStore store, InsightEngine engine, TimeProvider clock)
    {
        if (request.Usefulness is not (null or "useful" or "not_useful"))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["usefulness"] = [$"usefulness: '{request.Usefulness}' is not one; expected useful, not_useful or null"] });
        }

        return store.Rate(id, request.Usefulness) ? TypedResults.Ok(View(store.Find(id)!, engine, clock.GetUtcNow().UtcDateTime)) : NotFound(id);
    }

    private static Results<Ok<SnoozeView>, ProblemHttpResult> Snooze(
        string type, SnoozeRequest request, HttpContext context, InsightEngine engine, AuditTrail audit, TimeProvider clock)
    {
        if (!engine.Detectors.Any(d => d.Type == type))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such type", $"type: '{type}' is not an insight type that can be snoozed; expected one of {string.Join(", ", engine.Detectors.Select(d => d.Type))}");
        }

        if (request.Hours is < 0 or > 24 * 90)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["hours"] = [$"hours: {request.Hours} is out of range; expected 0 to {24 * 90}"] });
        }

        var until = clock.GetUtcNow().UtcDateTime.AddHours(request.Hours);
        engine.Snooze(type, until);
        audit.Record(context, "insight type snoozed", type, $"{request.Hours} h");
        return TypedResults.Ok(new SnoozeView(type, request.Hours == 0 ? null : until));
    }

    public static InsightView View(Insight insight, InsightEngine engine, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(insight);
        ArgumentNullException.ThrowIfNull(engine);
        using var content = JsonDocument.Parse(insight.Content);
        var status = insight.Archived ? "archived" : insight.IsOpen ? "open" : "resolved";
        return new InsightView(
            insight.Id, insight.Time, insight.Type, insight.Subject, insight.Category, insight.Rating, status, insight.UpdatedAt, insight.ResolvedAt,
            insight.History, insight.Usefulness, HelpLinks.For(insight.Type, insight.Subject)?.ToString(),
            engine.SnoozedUntil(insight.Type) is { } until && until > now ? until : null, content.RootElement.Clone());
    }

    private static DateTime? OptionalTime(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DashboardParameters.TryParseTime(text, out var time))
        {
            return time;
        }

        errors[field] = [$"{field}: expected an ISO 8601 time such as 2026-12-07T08:00:00Z"];
        return null;
    }

    private static ProblemHttpResult NotFound(long id) => Problems.Status(StatusCodes.Status404NotFound, "No such insight", $"id: there is no insight {id}");
}

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last.</param>
internal sealed record InsightPage(IReadOnlyList<InsightView> Insights, string? NextCursor);

/// <summary>An insight.</summary>
/// <param name="Time">When it opened (in the log's clock for one found over history).</param>
/// <param name="Subject">What it is about within its type (a provider, a direction, an address), or empty.</param>
/// <param name="Status">open (its condition holds), resolved (it cleared) or archived.</param>
/// <param name="UpdatedAt">When it was last found holding.</param>
/// <param name="History">Found over the history of the first import (archived, never notified).</param>
/// <param name="Usefulness">An admin's rating: useful, not_useful or null.</param>
/// <param name="HelpLink">Where to read how to handle it, or null.</param>
/// <param name="SnoozedUntil">Until when its type is snoozed, or null.</param>
/// <param name="Content">Its typed content (by type: rate, interval, provider, clients, …).</param>
internal sealed record InsightView(
    long Id, DateTime Time, string Type, string Subject, string Category, string Rating, string Status, DateTime UpdatedAt, DateTime? ResolvedAt,
    bool History, string? Usefulness, string? HelpLink, DateTime? SnoozedUntil, JsonElement Content);

internal sealed record RatingRequest(string? Usefulness);

internal sealed record SnoozeRequest(int Hours);

/// <param name="Until">When the snooze ends; null when it was ended.</param>
internal sealed record SnoozeView(string Type, DateTime? Until);
