using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Api;

/// <summary><c>/api/v1/audit</c> (admins only): who signed in or failed to, and who changed users, tokens and settings; newest first.</summary>
internal static class AuditApi
{
    private const int MaximumLimit = 500;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", Read).WithTags("Audit").RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("The audit trail, newest first; page with before = the id of the last entry seen.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static Results<Ok<AuditEntryView[]>, ProblemHttpResult> Read(IAccountStore accounts, int? limit, long? before)
    {
        if (limit is < 1 or > MaximumLimit || before is < 1)
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit: expected 1 to {MaximumLimit} (default 100); before: expected an entry id"],
            });
        }

        return TypedResults.Ok(accounts.ReadAudit(limit ?? 100, before)
            .Select(e => new AuditEntryView(e.Id, e.Time, e.Actor, e.ClientAddress, e.Action, e.Target, e.Detail))
            .ToArray());
    }
}

/// <summary>One line of the audit trail.</summary>
internal sealed record AuditEntryView(long Id, DateTime Time, string Actor, string? ClientAddress, string Action, string? Target, string? Detail);
