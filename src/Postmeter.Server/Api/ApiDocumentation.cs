using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Postmeter.Server.Api;

/// <summary>
/// The OpenAPI document of every endpoint at <c>/openapi/v1.json</c> (the UI's typed client is generated from it, and
/// <c>docs/openapi.json</c> is kept equal to it by a test) and an explorer at <c>/api</c>, in every build, served
/// from the program itself (no CDN).
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddPostmeterApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Postmeter API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Mailops monitoring for Postfix. JSON in snake_case, times in ISO 8601 UTC, errors as RFC 9457 problem details. "
                + "Browser sessions (cookie postmeter_session) send the token of GET /api/v1/auth/csrf in X-CSRF-Token with every POST, PUT and DELETE; "
                + "scripts use an API token: Authorization: Bearer pm_…";
            document.Servers = [];
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference("/api", options => options.WithTitle("Postmeter API").WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
        return app;
    }
}
