namespace Postmeter.Server.Api;

/// <summary>
/// The settings an admin edits in the web application, by group. In a PUT, a group that is given replaces the stored
/// one (omitted fields take their defaults) and a group that is omitted stays; a secret that is omitted, null or the
/// mask <c>********</c> keeps its stored value, and an empty string clears it. Secrets are never returned: a stored one
/// reads as the mask.
/// </summary>
internal sealed record SettingsDocument(
    GeneralSettings? General = null,
    DetectiveSettings? Detective = null,
    NotificationSettings? Notifications = null,
    InsightSettings? Insights = null,
    RetentionSettings? Retention = null,
    AccountSettings? Accounts = null);

/// <param name="MultipleUsers">Admins may add users (as --allow-multiple-users does; either one is enough).</param>
internal sealed record AccountSettings(bool MultipleUsers = false);

/// <param name="Language">en, de or pt_BR.</param>
/// <param name="PostfixPublicIp">The address the mail server sends from (for blocklist checks), or null.</param>
/// <param name="PublicUrl">Where users reach Postmeter (for links in notifications), or null.</param>
/// <param name="TimeZone">The time zone of reports and charts: an IANA name such as Europe/Berlin, or UTC.</param>
internal sealed record GeneralSettings(string Language = "en", string? PostfixPublicIp = null, string? PublicUrl = null, string TimeZone = "UTC");

/// <param name="Public">End users may check their own mail's fate without signing in.</param>
/// <param name="RateLimit">Public searches per client address per 10 minutes.</param>
internal sealed record DetectiveSettings(bool Public = false, int RateLimit = 20);

internal sealed record NotificationSettings(
    string Language = "en", SlackSettings? Slack = null, EmailSettings? Email = null, IReadOnlyList<WebhookSettings>? Webhooks = null);

/// <param name="Token">Secret: a bot token (xoxb-…).</param>
internal sealed record SlackSettings(bool Enabled = false, string? Token = null, string? Channel = null)
{
    public override string ToString() => $"Slack {Channel} (enabled: {Enabled})";
}

/// <param name="Security">none, starttls or tls.</param>
/// <param name="Password">Secret.</param>
internal sealed record EmailSettings(
    bool Enabled = false,
    string? Server = null,
    int Port = 587,
    string Security = "starttls",
    string? Username = null,
    string? Password = null,
    string? Sender = null,
    IReadOnlyList<string>? Recipients = null)
{
    public override string ToString() => $"e-mail via {Server}:{Port} (enabled: {Enabled})";
}

/// <param name="Secret">Secret: signs each delivery (HMAC-SHA256) so the receiver can check it came from Postmeter.</param>
internal sealed record WebhookSettings(string? Url = null, bool Enabled = true, string? Secret = null)
{
    public override string ToString() => $"webhook {Url} (enabled: {Enabled})";
}

/// <param name="BounceRateThreshold">Percent of bounced outbound recipients that raises the high-bounce-rate insight.</param>
/// <param name="MailInactivityLookupRange">Hours without mail that raise the mail-stopped insight.</param>
/// <param name="MailInactivityMinInterval">Hours between two mail-stopped insights.</param>
internal sealed record InsightSettings(int BounceRateThreshold = 5, int MailInactivityLookupRange = 24, int MailInactivityMinInterval = 12);

/// <param name="DataRetention">How long data is kept: 90d, 12w, 2160h, 1y.</param>
internal sealed record RetentionSettings(string DataRetention = "90d");
