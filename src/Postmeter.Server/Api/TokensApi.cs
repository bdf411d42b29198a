using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/tokens</c> (admins only): the API tokens of scripts and Prometheus, as <c>postmeter tokens</c> manages
/// them. A new token's secret is in the answer to its creation only; the workspace keeps its hash. Tokens are created
/// and deleted from a signed-in session, never with a token.
/// </summary>
internal static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(AuthenticationSetup.AdminPolicy).AddEndpointFilter<CsrfCheck>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tokens.MapGet("/", List).WithSummary("Every API token: name, role, the start of its secret, when it was created and last used.");
        tokens.MapPost("/", Create).WithSummary("Creates a token; its secret is in this answer only.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tokens.MapDelete("/{id:long}", Delete).WithSummary("Deletes a token: requests with it are refused at once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<TokenView[]> List(IAccountStore accounts) => TypedResults.Ok(accounts.ListTokens().Select(View).ToArray());

    private static Results<Created<NewTokenView>, ProblemHttpResult> Create(
        NewTokenRequest request, HttpContext context, IAccountStore accounts, AuditTrail audit, TimeProvider clock)
    {
        if (SignedByToken(context))
        {
            return TokenCannotManageTokens;
        }

        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (ApiTokens.NameProblem(name) is { } problem)
        {
            errors["name"] = [$"name: {problem}"];
        }

        var role = UsersApi.CheckRole(request.Role ?? Roles.Viewer, errors);

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var secret = ApiTokens.NewSecret();
        if (accounts.AddToken(name, role, ApiTokens.Hash(secret), ApiTokens.Hint(secret), clock.GetUtcNow().UtcDateTime) is not { } token)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Name taken", $"name: a token named '{name}' exists; delete it first or choose another name");
        }

        audit.Record(context, "token created", token.Name, Roles.Name(token.Role));
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new NewTokenView(View(token), secret));
    }

    private static Results<NoContent, ProblemHttpResult> Delete(long id, HttpContext context, IAccountStore accounts, AuditTrail audit)
    {
        if (SignedByToken(context))
        {
            return TokenCannotManageTokens;
        }

        if (accounts.ListTokens().FirstOrDefault(t => t.Id == id) is not { } token || !accounts.DeleteToken(token.Name))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such token", $"no token {id}");
        }

        audit.Record(context, "token deleted", token.Name);
        return TypedResults.NoContent();
    }

    /// <summary>A leaked admin token must not be able to leave others behind once it is revoked.</summary>
    private static ProblemHttpResult TokenCannotManageTokens => Problems.Status(
        StatusCodes.Status403Forbidden, "Signed-in admins only", "API tokens are created and deleted by a signed-in admin or with 'postmeter tokens', not with an API token");

    private static bool SignedByToken(HttpContext context) => context.User.FindFirst(AuthenticationSetup.KindClaim)?.Value == "token";

    private static TokenView View(ApiToken token) => new(token.Id, token.Name, Roles.Name(token.Role), token.Hint, token.CreatedAt, token.LastUsedAt);
}

/// <param name="Role">viewer (read only, the default) or admin.</param>
internal sealed record NewTokenRequest(string? Name, string? Role = null);

/// <summary>An API token as the API lists it: never its secret.</summary>
/// <param name="Hint">The start of its secret, to tell tokens apart.</param>
internal sealed record TokenView(long Id, string Name, string Role, string Hint, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>A token just created, with its secret (shown this once: send it as <c>Authorization: Bearer</c>).</summary>
internal sealed record NewTokenView(TokenView Token, string Secret);
