using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>Signs in scripts and Prometheus by <c>Authorization: Bearer pm_…</c>, an API token made with <c>postmeter tokens create</c>.</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountStore accounts,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerSecret(Request.Headers.Authorization.ToString()) is not { } secret)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = accounts.UseToken(ApiTokens.Hash(secret), clock.GetUtcNow().UtcDateTime);
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API token"));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "token " + token.Name),
                new Claim(ClaimTypes.Role, Roles.Name(token.Role)),
                new Claim(AuthenticationSetup.KindClaim, "token"),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The secret of an <c>Authorization: Bearer</c> header, or null when the request does not carry one.</summary>
    public static string? BearerSecret(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
}
