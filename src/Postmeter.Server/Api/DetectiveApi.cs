using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/detective</c>: what happened to a mail — messages (finished or still queued) and rejects by sender,
/// recipient, queue id or Message-ID — for signed-in users, and, when <c>detective.public</c> is on, for anyone who
/// names their mail exactly (<see cref="PublicDetective"/>); escalations of what was not delivered.
/// </summary>
internal static class DetectiveApi
{
    public const string PublicRateLimitPolicy = "detective-public";

    private const int MaximumLimit = 100;
    private const int CsvPageSize = 500;

    public static IEndpointRouteBuilder MapDetectiveApi(this IEndpointRouteBuilder app)
    {
        var detective = app.MapGroup("/api/v1/detective").WithTags("Message Detective")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        detective.MapGet("/search", Search).AllowAnonymous().RequireRateLimiting(PublicRateLimitPolicy)
            .Produces<SearchView>().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Messages and rejects by sender, recipient (address or domain), queue id or Message-ID, status and time, newest first; format=csv (admins) streams every result, a row per recipient attempt.");
        detective.MapPost("/escalate", Escalate).AllowAnonymous().RequireRateLimiting(PublicRateLimitPolicy).AddEndpointFilter<CsrfCheck>()
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Asks the admin to look into the undelivered results of a search (the same terms); kept for the insights.");
        detective.MapGet("/escalations", Escalations).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("The newest escalations (admins).");
        return app;
    }

    private static async Task<IResult> Search(
        HttpContext context, IDetectiveQueries detective, SettingsStore settings, Core.Classification.ProviderGroups providers,
        string? sender, string? recipient, string? id, string? status, string? from, string? to, string? cursor, int? limit, string? format, string? direction, string? provider, string? client, string? sasl_username)
    {
        var isPublic = PublicDetective.IsPublicCaller(context);
        if (isPublic && !settings.Detective().Public)
        {
            return PublicDetective.Closed;
        }

        var parameters = new DetectiveSearchParameters();
        var query = parameters.Read(sender, recipient, id, status, from, to, cursor, limit, isPublic ? PublicDetective.MaximumLimit : MaximumLimit) with
        {
            Directions = parameters.Directions(direction),
            Provider = parameters.Provider(provider, providers),
            Client = parameters.Client(client),
            SaslUsername = parameters.SaslUsername(sasl_username),
        };
        if (format is not null and not "json" and not "csv")
        {
            parameters.Errors["format"] = ["format: expected json (the default) or csv"];
        }

        if (isPublic && PublicDetective.Refusal(query.Sender, query.Recipient, query.Id) is { } refusal)
        {
            parameters.Errors["terms"] = [refusal];
        }

        // Whether a result comes back would answer a guess at what a public answer hides (client, SASL user).
        foreach (var (name, value) in new[] { ("direction", direction), ("provider", provider), ("client", client), ("sasl_username", sasl_username) })
        {
            if (isPublic && value is not null)
            {
                parameters.Errors[name] = [$"{name}: not offered to the public detective; give the sender and recipient addresses, or the Message-ID"];
            }
        }

        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        if (format == "csv")
        {
            if (!context.User.IsInRole(Roles.Admin))
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "Admins only", "the CSV export is for admins");
            }

            await DetectiveCsv.Write(context.Response, detective, query with { CountTotal = false, Limit = CsvPageSize }, context.RequestAborted);
            return Results.Empty;
        }

        var page = detective.Search(query);
        var results = page.Results.Select(r => isPublic ? PublicDetective.Redact(r, query.Recipient) : DetectiveViews.Of(r)).ToList();
        return TypedResults.Ok(new SearchView(results, page.Total, page.TotalIsExact, page.Next is { } next ? DetectiveSearchParameters.Cursor(next) : null));
    }

    private static Results<Accepted<EscalationView>, ProblemHttpResult> Escalate(
        HttpContext context, EscalationRequest request, IDetectiveQueries detective, IEscalationStore escalations, SettingsStore settings,
        AuditTrail audit, TimeProvider clock)
    {
        var isPublic = PublicDetective.IsPublicCaller(context);
        if (isPublic && !settings.Detective().Public)
        {
            return PublicDetective.Closed;
        }

        var parameters = new DetectiveSearchParameters();
        var query = parameters.Read(request.Sender, request.Recipient, request.Id, null, request.From, request.To, null, null, MaximumLimit);
        if (query.Sender is null && query.Recipient is null && query.Id is null)
        {
            parameters.Errors["terms"] = ["expected a sender, a recipient or an id: the search to escalate"];
        }
        else if (isPublic && PublicDetective.Refusal(query.Sender, query.Recipient, query.Id) is { } refusal)
        {
            parameters.Errors["terms"] = [refusal];
        }

        if (!parameters.Valid)
        {
            return Problems.Invalid(parameters.Errors);
        }

        var undelivered = detective.Search(query with { Limit = MaximumLimit, CountTotal = false }).Results
            .Where(r => r.Reject is not null || r.Message!.InFlight || r.Message.Recipients.Any(x => x.HopQueueId is null && x.Fate != Core.Tracking.Fate.Sent))
            .Select(r => r.Message?.Id ?? r.Reject!.Id).ToList();
        var terms = JsonSerializer.Serialize(request, Web.ApiJson.Options);
        var requester = isPublic ? "public" : AuditTrail.Actor(context);
        var stored = escalations.AddEscalation(new Escalation(0, clock.GetUtcNow().UtcDateTime, requester, ClientAddress.Of(context), terms, undelivered));
        audit.Record(requester, ClientAddress.Of(context), "detective escalation", $"#{stored.Id}", $"{undelivered.Count} results");
        return TypedResults.Accepted((string?)null, new EscalationView(stored.Id, stored.Time, undelivered.Count));
    }

    private static Ok<IReadOnlyList<Escalation>> Escalations(IEscalationStore escalations, int? limit, long? before) =>
        TypedResults.Ok(escalations.ReadEscalations(Math.Clamp(limit ?? 50, 1, 500), before));
}

/// <summary>The search to escalate, as <c>GET /api/v1/detective/search</c> takes it.</summary>
internal sealed record EscalationRequest(string? Sender = null, string? Recipient = null, string? Id = null, string? From = null, string? To = null);
