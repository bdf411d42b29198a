namespace Postmeter.Server.Api;

/// <summary>The first administrator (or, with several users allowed, a user an admin adds).</summary>
/// <param name="Role">For a user an admin adds: admin or viewer (default viewer). The first user is always an admin.</param>
internal sealed record RegisterRequest(string? Email, string? Name, string? Password, string? Role = null);

internal sealed record LoginRequest(string? Email, string? Password);

/// <summary>A user as the API shows it.</summary>
internal sealed record UserView(long Id, string Email, string Name, string Role);

/// <summary>The caller: a signed-in user, or an API token (then only its name and role).</summary>
/// <param name="Kind">user or token.</param>
internal sealed record CallerView(string Kind, long? Id, string? Email, string Name, string Role);

/// <summary>A session just opened: who, and the CSRF token its state-changing requests must send.</summary>
/// <param name="CsrfToken">The new session's token; null when an admin registered another user (no session was opened).</param>
internal sealed record SessionView(UserView User, string? CsrfToken);

internal sealed record CsrfView(string Token);

/// <summary>Whether anyone is registered (the web application's first page is registration until someone is).</summary>
internal sealed record AuthStatus(bool Registered, bool MultipleUsers);
