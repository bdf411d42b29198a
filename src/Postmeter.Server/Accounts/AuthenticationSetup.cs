using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>
/// Who is calling: a browser session (cookie, 7 days sliding, kept in the workspace) or an API token (bearer); what
/// they may do (policies <see cref="AdminPolicy"/> and, for everything not marked otherwise, any signed-in caller);
/// and the CSRF tokens of state-changing requests.
/// </summary>
internal static class AuthenticationSetup
{
    public const string AdminPolicy = "admin";
    public const string KindClaim = "postmeter/kind";
    public const string StampClaim = "postmeter/stamp";
    public const string CsrfHeader = "X-CSRF-Token";

    private const string CallerScheme = "Caller";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);

    public static IServiceCollection AddPostmeterAuthentication(this IServiceCollection services, string workspace)
    {
        services.AddDataProtection().SetApplicationName("postmeter");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new WorkspaceKeyRepository(workspace)));
        services.AddSingleton<SessionTicketStore>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<UserPolicy>();
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "session or token", o => o.ForwardDefaultSelector = context =>
                TokenAuthenticationHandler.BearerSecret(context.Request.Headers.Authorization.ToString()) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : TokenAuthenticationHandler.SchemeName)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, _ => { });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionCookieOptions>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "postmeter_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>The principal of a signed-in user, as the session keeps it.</summary>
    public static ClaimsPrincipal PrincipalOf(UserAccount user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.GivenName, user.Name),
            new Claim(ClaimTypes.Role, Roles.Name(user.Role)),
            new Claim(KindClaim, "user"),
            new Claim(StampClaim, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The signed-in user's id, or null for a token or an anonymous caller.</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// The session cookie: HttpOnly, SameSite=Strict, Secure under HTTPS; its content in the workspace. An API answers
    /// 401 and 403 instead of redirecting to a login page. Every request checks the user against the workspace, so a
    /// removed user, a changed password or a changed role counts at once.
    /// </summary>
    private sealed class SessionCookieOptions(SessionTicketStore sessions, IAccountStore accounts) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != CookieAuthenticationDefaults.AuthenticationScheme)
            {
                return;
            }

            options.Cookie.Name = FreshSessionOnLogin.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
            options.SessionStore = sessions;
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden),
                OnValidatePrincipal = context => Validate(context, accounts),
            };
        }

        private static Task Status(HttpResponse response, int status)
        {
            response.StatusCode = status;
            return Task.CompletedTask;
        }

        private static async Task Validate(CookieValidatePrincipalContext context, IAccountStore accounts)
        {
            var user = context.Principal is { } principal && UserId(principal) is { } id ? accounts.FindUser(id) : null;
            if (user is null || user.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return;
            }

            context.ReplacePrincipal(PrincipalOf(user));
        }
    }
}
