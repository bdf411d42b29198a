using MimeKit;
using Postmeter.Insights.Detectors;
using Postmeter.Insights.Engine;
using Postmeter.Insights.Notifications;
using Postmeter.Server.Api;
using Postmeter.Server.WorkspaceSettings;

namespace Postmeter.Server.InsightsHost;

/// <summary>
/// The notification channels the settings set up, by key (<c>slack</c>, <c>email</c>, <c>webhook-N</c> for the N-th
/// webhook), and which of them an insight goes to by each one's policy. Read from the stored settings at each use, so a
/// change applies at once.
/// </summary>
internal sealed class NotificationChannels(SettingsStore settings, HttpClient http, TimeProvider clock) : INotificationRouter
{
    public static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Every channel the settings name, enabled or not, with its policy.</summary>
    public static IEnumerable<(string Key, bool Enabled, NotificationPolicy Policy)> Configured(NotificationSettings notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Slack is { } slack && (slack.Token is not null || slack.WebhookUrl is not null))
        {
            yield return ("slack", slack.Enabled, slack.Policy ?? new NotificationPolicy());
        }

        if (notifications.Email is { Server: not null, Sender: not null } email)
        {
            yield return ("email", email.Enabled, email.Policy ?? new NotificationPolicy());
        }

        var hooks = notifications.Webhooks ?? [];
        for (var i = 0; i < hooks.Count; i++)
        {
            yield return ($"webhook-{i + 1}", hooks[i].Enabled && hooks[i].Url is not null, hooks[i].Policy ?? new NotificationPolicy());
        }
    }

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

        var hooks = notifications.Webhooks ?? [];
        return key.StartsWith("webhook-", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8), out var number) && number >= 1 && number <= hooks.Count
            ? new WebhookChannel(http, new Uri(hooks[number - 1].Url!), hooks[number - 1].Secret, clock)
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
