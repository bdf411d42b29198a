using System.Net;
using Postmeter.Server.Api;
using Postmeter.Storage;

namespace Postmeter.Server.WorkspaceSettings;

/// <summary>Checks a settings document: every problem named by its field (<c>general.public_url</c>) and what was expected.</summary>
internal static class SettingsValidator
{
    public static readonly string[] Languages = ["en", "de", "pt_BR"];

    private static readonly string[] Securities = ["none", "starttls", "tls"];

    public static Dictionary<string, string[]> Problems(SettingsDocument document)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string problem) => errors[field] = [$"{field}: {problem}"];

        if (document.General is { } general)
        {
            if (!Languages.Contains(general.Language))
            {
                Fail("general.language", $"'{general.Language}' is not offered; expected one of {string.Join(", ", Languages)}");
            }

            if (general.PostfixPublicIp is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
            {
                Fail("general.postfix_public_ip", $"'{ip}' is not an IP address; expected one such as 192.0.2.25 or 2001:db8::25");
            }

            if (general.PublicUrl is { Length: > 0 } url && !IsWebAddress(url))
            {
                Fail("general.public_url", $"'{url}' is not an absolute http or https URL; expected one such as https://postmeter.example.com/");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(general.TimeZone, out _))
            {
                Fail("general.time_zone", $"'{general.TimeZone}' is not a known time zone; expected an IANA name such as Europe/Berlin, or UTC");
            }
        }

        if (document.Detective is { } detective && detective.RateLimit is < 1 or > 10_000)
        {
            Fail("detective.rate_limit", $"{detective.RateLimit} is out of range; expected 1 to 10000 searches per 10 minutes");
        }

        if (document.Notifications is { } notifications)
        {
            if (!Languages.Contains(notifications.Language))
            {
                Fail("notifications.language", $"'{notifications.Language}' is not offered; expected one of {string.Join(", ", Languages)}");
            }

            if (notifications.Slack is { } slack)
            {
                if (slack.Enabled && slack.WebhookUrl is null or "" && slack.Channel is null or "")
                {
                    Fail("notifications.slack.channel", "missing; expected the channel to post to, such as #mail-alerts (with a bot token), or an incoming webhook URL");
                }

                if (slack.WebhookUrl is { Length: > 0 } slackHook && slackHook != SettingsStore.Mask && !IsWebAddress(slackHook))
                {
                    Fail("notifications.slack.webhook_url", "expected an absolute https URL such as https://hooks.slack.com/services/…");
                }

                CheckPolicy("notifications.slack.policy", slack.Policy, Fail);
            }

            if (notifications.Email is { } email)
            {
                if (!Securities.Contains(email.Security))
                {
                    Fail("notifications.email.security", $"'{email.Security}' is not one of {string.Join(", ", Securities)}");
                }

                if (email.Port is < 1 or > 65535)
                {
                    Fail("notifications.email.port", $"{email.Port} is not a port; expected 1 to 65535");
                }

                if (email.Enabled && (string.IsNullOrWhiteSpace(email.Server) || string.IsNullOrWhiteSpace(email.Sender) || email.Recipients is not { Count: > 0 }))
                {
                    Fail("notifications.email", "enabled without server, sender and recipients; expected all three");
                }

                CheckPolicy("notifications.email.policy", email.Policy, Fail);
                foreach (var address in (email.Recipients ?? []).Append(email.Sender).OfType<string>())
                {
                    if (!address.Contains('@', StringComparison.Ordinal) || address.Any(char.IsWhiteSpace))
                    {
                        Fail("notifications.email.recipients", $"'{address}' is not an e-mail address");
                    }
                }
            }

            var hooks = notifications.Webhooks ?? [];
            for (var i = 0; i < hooks.Count; i++)
            {
                if (hooks[i].Url is not { } hook || !IsWebAddress(hook))
                {
                    Fail($"notifications.webhooks[{i}].url", "expected an absolute http or https URL");
                }

                CheckPolicy($"notifications.webhooks[{i}].policy", hooks[i].Policy, Fail);
            }
        }

        if (document.Insights is { } insights)
        {
            if (insights.BounceRateThreshold is < 0 or > 100)
            {
                Fail("insights.bounce_rate_threshold", $"{insights.BounceRateThreshold} is not a percentage; expected 0 to 100");
            }

            foreach (var (field, value) in new[]
            {
                ("mail_inactivity_lookup_range", insights.MailInactivityLookupRange), ("mail_inactivity_min_interval", insights.MailInactivityMinInterval),
                ("bounce_rate_window", insights.BounceRateWindow), ("inbound_inactivity_range", insights.InboundInactivityRange),
                ("block_window", insights.BlockWindow), ("deferred_backlog_hours", insights.DeferredBacklogHours),
            })
            {
                if (value is < 1 or > 999)
                {
                    Fail($"insights.{field}", $"{value} is out of range; expected 1 to 999 hours");
                }
            }

            foreach (var (field, value, most) in new[]
            {
                ("bounce_rate_min_recipients", insights.BounceRateMinRecipients, 1_000_000), ("deferred_backlog_messages", insights.DeferredBacklogMessages, 1_000_000),
                ("reject_spike_factor", insights.RejectSpikeFactor, 1000), ("reject_spike_minimum", insights.RejectSpikeMinimum, 1_000_000),
                ("auth_failures", insights.AuthFailures, 1_000_000), ("auth_window_minutes", insights.AuthWindowMinutes, 24 * 60),
                ("deferral_percent", insights.DeferralPercent, 10_000), ("deferral_minimum", insights.DeferralMinimum, 1_000_000),
            })
            {
                if (value < 1 || value > most)
                {
                    Fail($"insights.{field}", $"{value} is out of range; expected 1 to {most}");
                }
            }
        }

        if (document.Retention is { } retention)
        {
            try
            {
                RetentionPeriod.Parse(retention.DataRetention);
            }
            catch (FormatException e)
            {
                Fail("retention.data_retention", e.Message);
            }
        }

        return errors;
    }

    private static void CheckPolicy(string field, NotificationPolicy? policy, Action<string, string> fail)
    {
        if (policy?.Ratings?.FirstOrDefault(r => !NotificationPolicy.AllRatings.Contains(r)) is { } rating)
        {
            fail(field + ".ratings", $"'{rating}' is not a rating; expected some of {string.Join(", ", NotificationPolicy.AllRatings)}");
        }

        if (policy?.Categories?.FirstOrDefault(c => !NotificationPolicy.AllCategories.Contains(c)) is { } category)
        {
            fail(field + ".categories", $"'{category}' is not a category; expected some of {string.Join(", ", NotificationPolicy.AllCategories)}");
        }
    }

    private static bool IsWebAddress(string text) =>
        text.Length <= 2048 && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}
