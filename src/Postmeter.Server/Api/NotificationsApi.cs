using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Insights.Notifications;
using Postmeter.Server.Accounts;
using Postmeter.Server.InsightsHost;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage.Insights;

namespace Postmeter.Server.Api;

/// <summary>
/// <c>/api/v1/notifications</c> (admins): where each channel of the settings stands (last delivery, last error,
/// notifications waiting), and a test notification sent to one at once.
/// </summary>
internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .AddEndpointFilter<CsrfCheck>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        notifications.MapGet("/", Channels).WithSummary("Each channel the settings set up (slack, email, a webhook by the hash of its URL): where it goes, enabled, last delivery, last error, notifications waiting.");
        notifications.MapPost("/{channel}/test", SendSample)
            .WithSummary("Sends a test notification to a channel now, in the language of the settings; says whether it arrived and, if not, why.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<ChannelView[]> Channels(SettingsStore settings, IInsightStore store)
    {
        var status = store.ReadChannels().ToDictionary(c => c.Channel, StringComparer.Ordinal);
        return TypedResults.Ok(NotificationChannels.Configured(settings.Stored().Notifications ?? new NotificationSettings())
            .Select(c => status.TryGetValue(c.Key, out var known)
                ? new ChannelView(c.Key, c.Target, c.Enabled, known.LastSentAt, known.LastErrorAt, known.LastError, known.Pending)
                : new ChannelView(c.Key, c.Target, c.Enabled, null, null, null, 0))
            .ToArray());
    }

    private static async Task<Results<Ok<SampleOutcome>, ProblemHttpResult>> SendSample(
        string channel, HttpContext context, SettingsStore settings, NotificationDispatcher dispatcher, AuditTrail audit, CancellationToken cancel)
    {
        if (!NotificationChannels.Configured(settings.Stored().Notifications ?? new NotificationSettings()).Any(c => c.Key == channel))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such channel", $"channel: '{channel}' is not set up; expected slack, email or a webhook's key as GET /api/v1/notifications lists them");
        }

        var error = await dispatcher.SendSampleAsync(channel, cancel).ConfigureAwait(false);
        audit.Record(context, "test notification", channel, error is null ? "delivered" : "failed");
        return TypedResults.Ok(new SampleOutcome(channel, error is null, error));
    }
}

/// <summary>A notification channel and where it stands.</summary>
/// <param name="Channel">slack, email, or webhook- and the start of the SHA-256 of the webhook's URL.</param>
/// <param name="Target">Where it goes, without secrets: a Slack channel or webhook host, an SMTP server, a webhook's host.</param>
/// <param name="Pending">Notifications waiting for it (retried with backoff after a failure).</param>
internal sealed record ChannelView(string Channel, string Target, bool Enabled, DateTime? LastSentAt, DateTime? LastErrorAt, string? LastError, int Pending);

/// <param name="Error">Why it did not arrive (what the other side answered), or null.</param>
internal sealed record SampleOutcome(string Channel, bool Delivered, string? Error);
