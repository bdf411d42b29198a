using Microsoft.AspNetCore.Http;

namespace Postmeter.Server.Accounts;

/// <summary>
/// A sign-in always starts a new session: the session cookie a sign-in request carries is dropped before
/// authentication reads it, so a session key planted in the browser beforehand (session fixation) is never reused.
/// </summary>
internal static class FreshSessionOnLogin
{
    public const string CookieName = "postmeter_session";

    public static Task Strip(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            && request.Headers.Cookie.Count > 0)
        {
            var kept = request.Headers.Cookie
                .SelectMany(header => (header ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(cookie => !cookie.StartsWith(CookieName + "=", StringComparison.Ordinal) && !cookie.StartsWith(CookieName + "C", StringComparison.Ordinal))
                .ToArray();
            request.Headers.Cookie = kept.Length == 0 ? default : string.Join("; ", kept);
        }

        return next();
    }
}
