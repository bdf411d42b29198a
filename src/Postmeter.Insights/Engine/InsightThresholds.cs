namespace Postmeter.Insights.Engine;

/// <summary>The detectors' thresholds and windows, from the insights settings (defaults as Lightmeter's where it had one).</summary>
public sealed record InsightThresholds
{
    /// <summary>Bounced outbound recipients, in percent of those that ended, that make the bounce rate high.</summary>
    public double BounceRatePercent { get; init; } = 5;

    public TimeSpan BounceRateWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Fewer outbound recipients than this in the window say nothing about a rate.</summary>
    public int BounceRateMinRecipients { get; init; } = 10;

    /// <summary>No outbound mail for this long raises mail_inactivity.</summary>
    public TimeSpan OutboundInactivity { get; init; } = TimeSpan.FromHours(24);

    /// <summary>No inbound mail for this long raises mail_inactivity.</summary>
    public TimeSpan InboundInactivity { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A problem that comes back within this long after it cleared reopens its insight (no second notification).</summary>
    public TimeSpan RepeatInterval { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A provider's blocks within this window keep its blocked_by_provider open.</summary>
    public TimeSpan BlockWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Messages queued for longer than this count towards the deferred backlog.</summary>
    public TimeSpan BacklogAge { get; init; } = TimeSpan.FromHours(4);

    /// <summary>That many old queued messages raise deferred_backlog.</summary>
    public int BacklogMessages { get; init; } = 10;

    /// <summary>Rejects in the last hour, against the hourly mean of the day before it, that make a spike.</summary>
    public double RejectSpikeFactor { get; init; } = 3;

    /// <summary>Fewer rejects than this in an hour are never a spike.</summary>
    public int RejectSpikeMinimum { get; init; } = 50;

    /// <summary>The window over which failed SMTP AUTH logins are counted.</summary>
    public TimeSpan AuthWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Failures of one client address, or against one username, within the window that raise smtp_auth_attack.</summary>
    public int AuthFailures { get; init; } = 20;

    /// <summary>The window of a provider's deferrals.</summary>
    public TimeSpan DeferralWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A provider's deferral attempts, in percent of its recipients and attempts in the window, that make a spike.</summary>
    public double DeferralPercent { get; init; } = 20;

    /// <summary>Fewer deferral attempts than this at a provider are never a spike.</summary>
    public int DeferralMinimum { get; init; } = 10;
}
