using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Postmeter.Insights.Detectors;
using Postmeter.Insights.Engine;
using Postmeter.Insights.Notifications;
using Postmeter.Server.Api;
using Postmeter.Server.WorkspaceSettings;

namespace Postmeter.Server.InsightsHost;

/// <summary>
/// The notification channels the settings set up, by key (<c>slack</c>, <c>email</c>, and <c>webhook-</c> followed by
/// a hash of a webhook's URL: the same webhook keeps its key, and its queue, when others are added or removed), and
/// which of them an insight goes to by each one's policy. Read from the stored settings at each use, so a
/// change applies at once.
/// </summary>
internal sealed class NotificationChannels(SettingsStore settings, HttpClient http, TimeProvider clock) : INotificationRouter
{
    public static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Every channel the settings name, enabled or not, with its policy and where it goes (no secret: a host, a channel).</summary>
    public static IEnumerable<(string Key, bool Enabled, NotificationPolicy Policy, string Target)> Configured(NotificationSettings notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Slack is { } slack && (slack.Token is not null || slack.WebhookUrl is not null))
        {
            var target = slack.WebhookUrl is { } hook && Uri.TryCreate(hook, UriKind.Absolute, out var uri) ? uri.Host : slack.Channel ?? string.Empty;
            yield return ("slack", slack.Enabled, slack.Policy ?? new NotificationPolicy(), target);
        }

        if (notifications.Email is { Server: not null, Sender: not null } email)
        {
            yield return ("email", email.Enabled, email.Policy ?? new NotificationPolicy(), $"{email.Server}:{email.Port}");
        }

        foreach (var hook in (notifications.Webhooks ?? []).Where(h => h.Url is not null))
        {
            var host = Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) ? uri.Authority : string.Empty;
            yield return (WebhookKey(hook.Url!), hook.Enabled, hook.Policy ?? new NotificationPolicy(), host);
        }
    }

    /// <summary>A webhook's key: <c>webhook-</c> and the start of the SHA-256 of its URL.</summary>
    public static string WebhookKey(string url) =>
        "webhook-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..10];

    public IReadOnlyCollection<string> ChannelsFor(string type, string rating, string category) =>
    [
        .. Configured(Notifications()).Where(c => c.Enabled && (type == DetectiveEscalations.TypeName || c.Policy.Takes(rating, category))).Select(c => c.Key),
    ];

    /// <summary>The channel of a key, or null when the settings do not set it up or it is disabled.</summary>
    public INotificationChannel? Channel(string key)
    {
        var notifications = Notifications();
        if (!Configured(notifications).Any(c => c.Key == key && c.Enabled))
        {
            return null;
        }

        if (key == "slack" && notifications.Slack is { } slack)
        {
            return slack.WebhookUrl is { } hook
                ? SlackChannel.WithIncomingWebhook(http, new Uri(hook))
                : SlackChannel.WithBotToken(http, slack.Token!, slack.Channel ?? string.Empty);
        }

        if (key == "email" && notifications.Email is { } email)
        {
            var server = new SmtpServer(email.Server!, email.Port, email.Security, email.Username, email.Password, SmtpTimeout);
            return new EmailChannel(server, MailboxAddress.Parse(email.Sender!), [.. (email.Recipients ?? []).Select(MailboxAddress.Parse)]);
        }

        return (notifications.Webhooks ?? []).FirstOrDefault(h => h.Url is not null && WebhookKey(h.Url) == key) is { } webhook
            ? new WebhookChannel(http, new Uri(webhook.Url!), webhook.Secret, clock)
            : null;
    }

    /// <summary>The language and link of notices.</summary>
    public NoticeSettings Notice()
    {
        var stored = settings.Stored();
        var url = stored.General?.PublicUrl is { Length: > 0 } text ? new Uri(text.EndsWith('/') ? text : text + "/") : null;
        return new NoticeSettings(stored.Notifications?.Language ?? "en", url);
    }

    private NotificationSettings Notifications() => settings.Stored().Notifications ?? new NotificationSettings();
}
