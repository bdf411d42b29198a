using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Postmeter.Server.Hosting;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/livez</c>: the process answers. <c>/readyz</c> (and <c>/healthz</c>): the workspace can be read and ingestion
/// runs; 503 with the reason otherwise. For load balancers and orchestrators: no session needed, nothing secret said.
/// </summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup(string.Empty).WithTags("Health").AllowAnonymous();
        health.MapGet("/livez", () => TypedResults.Ok(new HealthStatus("live", null)))
            .WithSummary("The process is up.");
        health.MapGet("/readyz", Ready)
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The workspace can be read and ingestion runs (503 with the reason otherwise).");
        health.MapGet("/healthz", Ready)
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The same as /readyz.");
        return app;
    }

    private static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> Ready(IngestionStatus ingestion, IAccountStore accounts, ILoggerFactory loggers)
    {
        try
        {
            accounts.CountUsers();
        }
        catch (Exception e) when (e is Storage.WorkspaceException or Microsoft.Data.Sqlite.SqliteException)
        {
            loggers.CreateLogger("Postmeter.Health").LogWarning("readiness: the workspace cannot be read: {Reason}", e.Message);
            return NotReady("the workspace cannot be read");
        }

        return ingestion.NotRunning is { } reason ? NotReady($"ingestion is not running: {reason}") : TypedResults.Ok(new HealthStatus("ready", null));
    }

    private static JsonHttpResult<HealthStatus> NotReady(string reason) => TypedResults.Json(new HealthStatus("not ready", reason), statusCode: StatusCodes.Status503ServiceUnavailable);
}

/// <summary>The answer of a health check.</summary>
/// <param name="Reason">Why it is not ready; null when it is.</param>
internal sealed record HealthStatus(string Status, string? Reason);
