using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>
/// Records who did what, when and from where, in the workspace (for <c>/api/v1/audit</c>) and as an INFO log line.
/// Callers pass names and e-mail addresses only: never a password or a token.
/// </summary>
internal sealed partial class AuditTrail(IAccountStore accounts, TimeProvider clock, ILogger<AuditTrail> log)
{
    /// <summary>The actor of changes made on the command line.</summary>
    public const string CommandLine = "command line";

    public void Record(HttpContext? context, string action, string? target = null, string? detail = null) =>
        Record(context is null ? CommandLine : Actor(context), context is null ? null : ClientAddress.Of(context), action, target, detail);

    public void Record(string actor, string? clientAddress, string action, string? target = null, string? detail = null)
    {
        accounts.Audit(clock.GetUtcNow().UtcDateTime, actor, clientAddress, action, target, detail);
        Logged(log, Printable(actor), clientAddress ?? "-", action, Printable(target ?? "-"), Printable(detail ?? string.Empty));
    }

    /// <summary>The signed-in user's e-mail address, the token's name, or "anonymous".</summary>
    public static string Actor(HttpContext context) => context.User.Identity?.Name ?? "anonymous";

    /// <summary>Text from a caller as one log line can carry it: control characters (a forged newline, terminal escapes) as \uXXXX.</summary>
    private static string Printable(string text) => text.Any(char.IsControl)
        ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
        : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "audit: {Actor} from {Address}: {Action} {Target} {Detail}")]
    private static partial void Logged(ILogger logger, string actor, string address, string action, string target, string detail);
}
