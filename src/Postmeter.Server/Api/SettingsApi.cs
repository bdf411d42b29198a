using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Server.Hosting;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage;

namespace Postmeter.Server.Api;

/// <summary><c>/api/v1/settings</c>: what the admin edits (general, detective, notifications, insights, retention); secrets write-only.</summary>
internal static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/settings").WithTags("Settings").AddEndpointFilter<CsrfCheck>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        settings.MapGet("/", Read).WithSummary("Every settings group, with defaults where nothing was set and secrets masked.");
        settings.MapPut("/", Write).RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .WithSummary("Replaces the groups given (a secret omitted or masked stays, an empty one is cleared); 422 names each wrong field.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static Ok<SettingsDocument> Read(SettingsStore store, RetentionPolicy retention) => TypedResults.Ok(Effective(store, retention));

    private static Results<Ok<SettingsDocument>, ProblemHttpResult> Write(
        SettingsDocument changes, HttpContext context, SettingsStore store, RetentionPolicy retention, AuditTrail audit)
    {
        var errors = SettingsValidator.Problems(changes);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var groups = store.Write(changes);
        audit.Record(context, "settings changed", string.Join(", ", groups));
        return TypedResults.Ok(Effective(store, retention));
    }

    /// <summary>The stored settings; retention as it applies now (the flag's until an admin sets one).</summary>
    private static SettingsDocument Effective(SettingsStore store, RetentionPolicy retention)
    {
        var read = store.Read();
        return read with { Retention = new RetentionSettings(RetentionPeriod.Format(retention.Current())) };
    }
}
