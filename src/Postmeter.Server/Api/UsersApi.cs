using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Server.Accounts;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/users</c> (admins only): list, add (with <c>--allow-multiple-users</c>), change and remove users. There is
/// always at least one administrator; a changed password or e-mail address ends that user's sessions.
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AuthenticationSetup.AdminPolicy).AddEndpointFilter<CsrfCheck>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapGet("/", List).WithSummary("Every user.");
        users.MapPost("/", Add).WithSummary("Adds a user (needs --allow-multiple-users).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapPut("/{id:long}", Change).WithSummary("Changes a user's e-mail address, name, role or password (omitted fields stay).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapDelete("/{id:long}", Remove).WithSummary("Removes a user and ends their sessions.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static Ok<UserView[]> List(IAccountStore accounts) => TypedResults.Ok(accounts.ListUsers().Select(AuthApi.View).ToArray());

    private static Results<Created<UserView>, ProblemHttpResult> Add(
        NewUserRequest request, HttpContext context, IAccountStore accounts, PasswordHashing hashing, UserPolicy users, AuditTrail audit, TimeProvider clock)
    {
        if (!users.MultipleUsers)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "One user", "this Postmeter has one user; start it with --allow-multiple-users to add more");
        }

        var errors = new Dictionary<string, string[]>();
        var email = AuthApi.CheckEmail(request.Email, errors);
        var name = AuthApi.CheckName(request.Name, errors);
        var role = CheckRole(request.Role ?? Roles.Viewer, errors);
        CheckPassword(request.Password, email, name, errors, required: true);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return Create(context, accounts, audit, email!, name!, role, hashing.Hash(request.Password!), clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Adds a checked user an admin asked for: 201, or 409 when the address is taken.</summary>
    public static Results<Created<UserView>, ProblemHttpResult> Create(
        HttpContext context, IAccountStore accounts, AuditTrail audit, string email, string name, Role role, string passwordHash, DateTime now)
    {
        if (accounts.AddUser(email, name, role, passwordHash, now) is not { } added)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "E-mail address taken", $"email: {email} is registered already");
        }

        audit.Record(context, "user added", added.Email, Roles.Name(added.Role));
        return TypedResults.Created($"/api/v1/users/{added.Id}", AuthApi.View(added));
    }

    private static Results<Ok<UserView>, ProblemHttpResult> Change(
        long id, UserChangeRequest request, HttpContext context, IAccountStore accounts, PasswordHashing hashing, AuditTrail audit, TimeProvider clock)
    {
        if (accounts.FindUser(id) is not { } user)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such user", $"no user {id}");
        }

        var errors = new Dictionary<string, string[]>();
        var email = request.Email is null ? user.Email : AuthApi.CheckEmail(request.Email, errors);
        var name = request.Name is null ? user.Name : AuthApi.CheckName(request.Name, errors);
        var role = request.Role is null ? user.Role : CheckRole(request.Role, errors);
        CheckPassword(request.Password, email, name, errors, required: false);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var signOut = request.Password is not null || !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
        var changed = user with
        {
            Email = email!,
            Name = name!,
            Role = role,
            PasswordHash = request.Password is null ? user.PasswordHash : hashing.Hash(request.Password),
            SecurityStamp = signOut ? Guid.NewGuid().ToString("N") : user.SecurityStamp,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
        switch (accounts.UpdateUser(changed))
        {
            case UserChange.AddressTaken:
                return Problems.Status(StatusCodes.Status409Conflict, "E-mail address taken", $"email: {email} is registered to another user");
            case UserChange.LastAdmin:
                return Problems.Status(StatusCodes.Status409Conflict, "Last administrator", "role: this is the only administrator; make another user an admin first");
            case UserChange.NotFound:
                return Problems.Status(StatusCodes.Status404NotFound, "No such user", $"no user {id}");
        }

        if (signOut)
        {
            accounts.DeleteSessionsOf(user.Id);
        }

        audit.Record(context, "user changed", changed.Email, string.Join(", ", Changes(request)));
        return TypedResults.Ok(AuthApi.View(changed));
    }

    private static Results<NoContent, ProblemHttpResult> Remove(long id, HttpContext context, IAccountStore accounts, AuditTrail audit)
    {
        if (accounts.FindUser(id) is not { } user)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such user", $"no user {id}");
        }

        switch (accounts.DeleteUser(id))
        {
            case UserChange.LastAdmin:
                return Problems.Status(StatusCodes.Status409Conflict, "Last administrator", "this is the only administrator; it cannot be removed");
            case UserChange.NotFound:
                return Problems.Status(StatusCodes.Status404NotFound, "No such user", $"no user {id}");
        }

        audit.Record(context, "user removed", user.Email);
        return TypedResults.NoContent();
    }

    /// <summary>The role <paramref name="text"/> names; a wrong one is added to <paramref name="errors"/> (then viewer).</summary>
    internal static Role CheckRole(string text, Dictionary<string, string[]> errors)
    {
        if (Roles.TryParse(text, out var role))
        {
            return role;
        }

        errors["role"] = [$"role: '{text}' is not a role; expected admin or viewer"];
        return Role.Viewer;
    }

    private static void CheckPassword(string? password, string? email, string? name, Dictionary<string, string[]> errors, bool required)
    {
        if (password is null)
        {
            if (required)
            {
                errors["password"] = ["password: missing; expected the new user's password"];
            }
        }
        else if (email is not null && name is not null && PasswordPolicy.Problem(password, email, name) is { } weak)
        {
            errors["password"] = [weak];
        }
    }

    private static IEnumerable<string> Changes(UserChangeRequest request)
    {
        if (request.Email is not null)
        {
            yield return "email";
        }

        if (request.Name is not null)
        {
            yield return "name";
        }

        if (request.Role is not null)
        {
            yield return "role " + request.Role;
        }

        if (request.Password is not null)
        {
            yield return "password";
        }
    }
}

/// <summary>A user an admin adds.</summary>
/// <param name="Role">admin or viewer (default viewer).</param>
internal sealed record NewUserRequest(string? Email, string? Name, string? Password, string? Role = null);

/// <summary>What to change of a user; what is omitted (or null) stays.</summary>
internal sealed record UserChangeRequest(string? Email = null, string? Name = null, string? Role = null, string? Password = null);
