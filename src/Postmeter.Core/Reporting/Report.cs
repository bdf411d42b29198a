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
