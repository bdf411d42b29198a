using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Api;

/// <summary><c>/api/v1/auth</c>: registration of the first administrator, sign-in and sign-out, the caller, the CSRF token.</summary>
internal static partial class AuthApi
{
    public const string RateLimitPolicy = "auth";

    private const int MaximumEmailLength = 254;
    private const int MaximumNameLength = 200;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication").AddEndpointFilter<CsrfCheck>();
        auth.MapGet("/status", Status).AllowAnonymous()
            .WithSummary("Whether an administrator is registered yet.");
        auth.MapGet("/csrf", Csrf).AllowAnonymous()
            .WithSummary("The CSRF token that every POST, PUT and DELETE of a browser session sends back in X-CSRF-Token.");
        auth.MapPost("/register", Register).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Registers the first administrator and signs them in; with several users allowed, an admin adds a user.");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Signs in with e-mail address and password (a session cookie of 7 days, renewed while used).");
        auth.MapPost("/logout", Logout).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Ends the session.");
        auth.MapGet("/me", Me).ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("The caller: the signed-in user or the API token.");
        return app;
    }

    private static Ok<AuthStatus> Status(IAccountStore accounts, UserPolicy users) =>
        TypedResults.Ok(new AuthStatus(accounts.CountUsers() > 0, users.MultipleUsers));

    private static Ok<CsrfView> Csrf(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new CsrfView(antiforgery.GetAndStoreTokens(context).RequestToken!));

    private static async Task<Results<Created<SessionView>, ProblemHttpResult>> Register(
        RegisterRequest request,
        HttpContext context,
        IAccountStore accounts,
        PasswordHashing hashing,
        UserPolicy users,
        AuditTrail audit,
        IAntiforgery antiforgery,
        TimeProvider clock)
    {
        // Who may register is settled before any costly check (the strength test, the hash).
        var first = accounts.CountUsers() == 0;
        if (!first && (!users.MultipleUsers || !context.User.IsInRole(Roles.Admin)))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Already registered",
                users.MultipleUsers
                    ? "an administrator is registered; expected an administrator's session to add users"
                    : "an administrator is registered, and this Postmeter has one user; start it with --allow-multiple-users to add more");
        }

        var errors = new Dictionary<string, string[]>();
        var email = CheckEmail(request.Email, errors);
        var name = CheckName(request.Name, errors);
        if (request.Password is null)
        {
            errors["password"] = ["password: missing; expected the new user's password"];
        }
        else if (email is not null && name is not null && PasswordPolicy.Problem(request.Password, email, name) is { } weak)
        {
            errors["password"] = [weak];
        }

        var role = Role.Viewer;
        if (request.Role is not null && !Roles.TryParse(request.Role, out role))
        {
            errors["role"] = [$"role: '{request.Role}' is not a role; expected admin or viewer"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = hashing.Hash(request.Password!);
        if (first)
        {
            if (accounts.AddFirstUser(email!, name!, hash, now) is not { } admin)
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "Already registered", "an administrator was registered a moment ago");
            }

            audit.Record(admin.Email, ClientAddress.Of(context), "register", admin.Email, "first administrator");
            return TypedResults.Created("/api/v1/auth/me", await SignIn(context, admin, antiforgery));
        }

        return UsersApi.Create(context, accounts, audit, email!, name!, role, hash, now).Result switch
        {
            Created<UserView> created => TypedResults.Created(created.Location, new SessionView(created.Value!, null)),
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"Unexpected result {other}."),
        };
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> Login(
        LoginRequest request,
        HttpContext context,
        IAccountStore accounts,
        PasswordHashing hashing,
        LoginThrottle throttle,
        AuditTrail audit,
        IAntiforgery antiforgery)
    {
        var email = (request.Email ?? string.Empty).Trim();
        if (email.Length == 0 || email.Length > MaximumEmailLength || email.Any(char.IsControl) || request.Password is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["email"] = [$"email and password: expected both, the address of at most {MaximumEmailLength} printable characters"],
            });
        }

        var address = ClientAddress.Of(context);
        var limitKey = ClientAddress.LimitKey(context);
        if (throttle.RetryAfter(limitKey, email) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            audit.Record(email, address, "login refused", null, "too many failed sign-ins");
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins",
                $"too many failed sign-ins from this address or for this account; try again in {seconds} s");
        }

        var user = accounts.FindUser(email);
        if (!hashing.Verify(user, request.Password, out var rehashed))
        {
            throttle.Failed(limitKey, email);
            audit.Record(email, address, "login failed");
            return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", "wrong e-mail address or password");
        }

        if (rehashed is not null)
        {
            accounts.UpdateUser(user! with { PasswordHash = rehashed });
        }

        throttle.Succeeded(email);
        audit.Record(user!.Email, address, "login");
        return TypedResults.Ok(await SignIn(context, user, antiforgery));
    }

    private static async Task<NoContent> Logout(HttpContext context, AuditTrail audit)
    {
        audit.Record(context, "logout");
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<CallerView> Me(ClaimsPrincipal user) => TypedResults.Ok(new CallerView(
        user.FindFirstValue(AuthenticationSetup.KindClaim) ?? "user",
        AuthenticationSetup.UserId(user),
        AuthenticationSetup.UserId(user) is null ? null : user.Identity?.Name,
        user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Role) ?? Roles.Viewer));

    public static UserView View(UserAccount user) => new(user.Id, user.Email, user.Name, Roles.Name(user.Role));

    /// <summary>Opens a session and returns the CSRF token bound to it (the one from before the sign-in no longer counts).</summary>
    private static async Task<SessionView> SignIn(HttpContext context, UserAccount user, IAntiforgery antiforgery)
    {
        var principal = AuthenticationSetup.PrincipalOf(user);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = true });
        context.User = principal;
        return new SessionView(View(user), antiforgery.GetAndStoreTokens(context).RequestToken!);
    }

    public static string? CheckEmail(string? text, Dictionary<string, string[]> errors)
    {
        var email = text?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > MaximumEmailLength || !EmailShape().IsMatch(email))
        {
            errors["email"] = [$"email: expected an e-mail address such as admin@example.com (at most {MaximumEmailLength} characters)"];
            return null;
        }

        return email;
    }

    public static string? CheckName(string? text, Dictionary<string, string[]> errors)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaximumNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"name: expected a name of 1 to {MaximumNameLength} printable characters"];
            return null;
        }

        return name;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailShape();
}
