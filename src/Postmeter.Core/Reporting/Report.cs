namespace Postmeter.Core.Reporting;

/// <summary>A summary of a stretch of mail log, in the spirit of pflogsumm. Counts follow the vocabulary in the README.</summary>
public sealed record Report
{
    public required DateTime? From { get; init; }

    public required DateTime? To { get; init; }

    public required string? PostfixVersion { get; init; }

    public required Totals Totals { get; init; }

    public required IReadOnlyList<DayTraffic> PerDay { get; init; }

    public required IReadOnlyList<DomainTraffic> RecipientDomains { get; init; }

    public required IReadOnlyList<DomainTraffic> SenderDomains { get; init; }

    public required IReadOnlyList<KeyCount> Senders { get; init; }

    public required IReadOnlyList<KeyCount> Recipients { get; init; }

    public required IReadOnlyList<ReasonCount> BounceReasons { get; init; }

    public required IReadOnlyList<ReasonCount> DeferralReasons { get; init; }

    public required IReadOnlyList<ReasonCount> RejectReasons { get; init; }

    public required IReadOnlyList<KeyCount> AuthFailuresByClient { get; init; }

    public required LineCounts Lines { get; init; }

    /// <summary>Whether some top lists had too many distinct keys to count exactly.</summary>
    public required bool Approximate { get; init; }
}

public sealed record Totals(
    long Received,
    long ReceivedOverSmtp,
    long ReceivedLocally,
    long Notifications,
    long Delivered,
    long Bounced,
    long Deferred,
    long Expired,
    long Discarded,
    long DeferralAttempts,
    long DelayedRecipients,
    long Rejected,
    long ReturnedToSender,
    long Held,
    long Incomplete,
    long Outbound,
    long Inbound,
    long Local,
    long BytesReceived,
    long BytesDelivered,
    long Senders,
    long SendingDomains,
    long RecipientAddresses,
    long RecipientDomainCount,
    long SmtpConnections,
    long SaslLogins,
    long SaslFailures,
    long Warnings);

public sealed record DayTraffic(DateOnly Date, long Received, long Delivered, long Deferred, long Bounced, long Expired, long Rejected);

public sealed record DomainTraffic(string Domain, long Messages, long Delivered, long Bounced, long Deferred, long Expired, long DeferralAttempts, long Bytes);

public sealed record KeyCount(string Key, long Count);

public sealed record ReasonCount(string Category, string? Provider, string Reason, long Count);

public sealed record LineCounts(long Total, long Understood, long NotUnderstood, long Malformed, long OrphanLines, IReadOnlyList<KeyCount> NotUnderstoodByProgram);
