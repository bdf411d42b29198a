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

/// <summary>Which insights a channel gets.</summary>
/// <param name="Ratings">The ratings it gets (bad, ok, good, unrated); by default bad only. Detective escalations always go.</param>
/// <param name="Categories">The categories it gets (local, intel, news); by default all.</param>
internal sealed record NotificationPolicy(IReadOnlyList<string>? Ratings = null, IReadOnlyList<string>? Categories = null)
{
    public static readonly string[] AllRatings = ["bad", "ok", "good", "unrated"];
    public static readonly string[] AllCategories = ["local", "intel", "news"];

    public bool Takes(string rating, string category) =>
        (Ratings ?? ["bad"]).Contains(rating, StringComparer.Ordinal) && (Categories ?? AllCategories).Contains(category, StringComparer.Ordinal);
}

/// <param name="Token">Secret: a bot token (xoxb-…), to post to <paramref name="Channel"/> with chat.postMessage.</param>
/// <param name="WebhookUrl">Secret: instead of a token, an incoming webhook URL (Slack's, or Mattermost's or Discord's Slack-compatible one).</param>
internal sealed record SlackSettings(bool Enabled = false, string? Token = null, string? Channel = null, string? WebhookUrl = null, NotificationPolicy? Policy = null)
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
    IReadOnlyList<string>? Recipients = null,
    NotificationPolicy? Policy = null)
{
    public override string ToString() => $"e-mail via {Server}:{Port} (enabled: {Enabled})";
}

/// <param name="Secret">Secret: signs each delivery (HMAC-SHA256) so the receiver can check it came from Postmeter.</param>
internal sealed record WebhookSettings(string? Url = null, bool Enabled = true, string? Secret = null, NotificationPolicy? Policy = null)
{
    public override string ToString() => $"webhook {Url} (enabled: {Enabled})";
}

/// <summary>The insights' thresholds and windows (hours unless named otherwise); the defaults are Lightmeter's where it had one.</summary>
/// <param name="BounceRateThreshold">Percent of bounced outbound recipients that raises high_bounce_rate.</param>
/// <param name="BounceRateWindow">Hours the bounce rate is counted over.</param>
/// <param name="BounceRateMinRecipients">Fewer outbound recipients in the window say nothing about a rate.</param>
/// <param name="MailInactivityLookupRange">Hours without outbound mail that raise mail_inactivity.</param>
/// <param name="InboundInactivityRange">Hours without inbound mail that raise mail_inactivity.</param>
/// <param name="MailInactivityMinInterval">Hours within which a problem that cleared and came back reopens its insight instead of a new one (and a new notification).</param>
/// <param name="BlockWindow">Hours a provider's block keeps blocked_by_provider open.</param>
/// <param name="DeferredBacklogHours">Queued messages older than this count towards deferred_backlog.</param>
/// <param name="DeferredBacklogMessages">That many of them raise it.</param>
/// <param name="RejectSpikeFactor">Rejects in an hour, against the hourly mean of the day before, that make reject_spike.</param>
/// <param name="RejectSpikeMinimum">Fewer rejects than this in an hour are never a spike.</param>
/// <param name="AuthFailures">Failed SMTP AUTH logins of one client address or username in the window that raise smtp_auth_attack.</param>
/// <param name="AuthWindowMinutes">The window of failed logins, in minutes.</param>
/// <param name="DeferralPercent">Deferral attempts at a provider group, per 100 of its recipients in 2 hours, that make provider_deferral_spike.</param>
/// <param name="DeferralMinimum">Fewer deferral attempts than this are never a spike.</param>
internal sealed record InsightSettings(
    int BounceRateThreshold = 5,
    int MailInactivityLookupRange = 24,
    int MailInactivityMinInterval = 12,
    int BounceRateWindow = 6,
    int BounceRateMinRecipients = 10,
    int InboundInactivityRange = 12,
    int BlockWindow = 6,
    int DeferredBacklogHours = 4,
    int DeferredBacklogMessages = 10,
    int RejectSpikeFactor = 3,
    int RejectSpikeMinimum = 50,
    int AuthFailures = 20,
    int AuthWindowMinutes = 60,
    int DeferralPercent = 20,
    int DeferralMinimum = 10)
{
    public Insights.Engine.InsightThresholds Thresholds() => new()
    {
        BounceRatePercent = BounceRateThreshold,
        BounceRateWindow = TimeSpan.FromHours(BounceRateWindow),
        BounceRateMinRecipients = BounceRateMinRecipients,
        OutboundInactivity = TimeSpan.FromHours(MailInactivityLookupRange),
        InboundInactivity = TimeSpan.FromHours(InboundInactivityRange),
        RepeatInterval = TimeSpan.FromHours(MailInactivityMinInterval),
        BlockWindow = TimeSpan.FromHours(BlockWindow),
        BacklogAge = TimeSpan.FromHours(DeferredBacklogHours),
        BacklogMessages = DeferredBacklogMessages,
        RejectSpikeFactor = RejectSpikeFactor,
        RejectSpikeMinimum = RejectSpikeMinimum,
        AuthFailures = AuthFailures,
        AuthWindow = TimeSpan.FromMinutes(AuthWindowMinutes),
        DeferralPercent = DeferralPercent,
        DeferralMinimum = DeferralMinimum,
    };
}

/// <param name="DataRetention">How long data is kept: 90d, 12w, 2160h, 1y.</param>
internal sealed record RetentionSettings(string DataRetention = "90d");
