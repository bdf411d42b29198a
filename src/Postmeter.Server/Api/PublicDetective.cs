using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Postmeter.Server.Accounts;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary>
/// The detective for callers who are not signed in (setting <c>detective.public</c>): a sender or recipient asking
/// what happened to their mail. They must name it exactly — a full sender and a full recipient address, or a
/// Message-ID — since queue ids and domains can be enumerated; the answer shows the asked recipient's fate alone,
/// and nothing of the server's internals (client addresses, SASL names, logs). Searches and escalations are limited
/// per client address (its /64 for IPv6), the real one through trusted proxies only.
/// </summary>
internal static class PublicDetective
{
    public const int MaximumLimit = 20;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The answer to a caller who is not signed in while the public detective is off.</summary>
    public static ProblemHttpResult Closed => Problems.Status(
        StatusCodes.Status401Unauthorized, "Not signed in", "sign in, or ask the admin to turn on the public detective");

    public static bool IsPublicCaller(HttpContext context) => context.User.Identity?.IsAuthenticated != true;

    /// <summary>Why the terms are not enough for a public search; null when they are.</summary>
    public static string? Refusal(SearchTerm? sender, SearchTerm? recipient, string? id)
    {
        var exactAddresses = sender is { IsDomain: false } && recipient is { IsDomain: false };
        var messageId = id is not null && id.Contains('@', StringComparison.Ordinal) && sender is not { IsDomain: true } && recipient is not { IsDomain: true };
        return exactAddresses || messageId
            ? null
            : "the public detective needs the full sender and recipient addresses (a@example.com), or the message's Message-ID; domains and queue ids alone are not accepted";
    }

    /// <summary>A result as a public caller may see it.</summary>
    public static ResultView Redact(DetectiveResult result, SearchTerm? recipient)
    {
        if (result.Reject is { } reject)
        {
            return new ResultView("reject", reject.Time, null, DetectiveViews.Of(reject) with { ClientHost = null, ClientIp = null, HasLog = false, QueueId = null });
        }

        var message = result.Message!;
        var shown = recipient is null
            ? []
            : message.Recipients.Where(r => string.Equals(r.Address, recipient.Text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.OrigAddress, recipient.Text, StringComparison.OrdinalIgnoreCase));
        var view = DetectiveViews.Of(message, shown) with
        {
            Host = string.Empty,
            ClientHost = null,
            ClientIp = null,
            SaslUsername = null,
            NotificationId = null,
            NotifiedMessageId = null,
            HasLog = false,
        };
        return new ResultView("message", message.EndedAt, view, null);
    }

    /// <summary>
    /// The rate limit of public searches and escalations: <c>detective.rate_limit</c> per ten minutes per client
    /// address (read when a client is first seen); signed-in callers are not limited here.
    /// </summary>
    public static RateLimitPartition<string> Limit(HttpContext context)
    {
        if (!IsPublicCaller(context))
        {
            return RateLimitPartition.GetNoLimiter("signed-in");
        }

        var settings = context.RequestServices.GetRequiredService<SettingsStore>();
        return RateLimitPartition.GetFixedWindowLimiter(
            "public " + ClientAddress.LimitKey(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Detective().RateLimit, Window = Window });
    }
}
