namespace Postmeter.Storage.Insights;

/// <summary>
/// Something the insights engine found: one problem is one insight, open while its condition holds and resolved when
/// it clears.
/// </summary>
/// <param name="Type">What was found, e.g. <c>high_bounce_rate</c>.</param>
/// <param name="Subject">What it is about within its type (a provider, a direction, an address), or empty.</param>
/// <param name="Category">local, intel or news.</param>
/// <param name="Rating">bad, ok, good or unrated.</param>
/// <param name="Time">When it opened (UTC).</param>
/// <param name="UpdatedAt">When it was last found holding.</param>
/// <param name="ResolvedAt">When its condition cleared; null while it holds.</param>
/// <param name="History">Found over history during an import: archived at once, never notified.</param>
/// <param name="Usefulness">The admin's rating: useful, not_useful, or null.</param>
/// <param name="Content">Its typed content, as a JSON object.</param>
public sealed record Insight(
    long Id,
    string Type,
    string Subject,
    string Category,
    string Rating,
    DateTime Time,
    DateTime UpdatedAt,
    DateTime? ResolvedAt,
    bool Archived,
    bool History,
    string? Usefulness,
    string Content)
{
    public bool IsOpen => ResolvedAt is null;
}

/// <summary>An insight to open.</summary>
/// <param name="Event">An insight of a moment (an escalation, the welcome): stored resolved at its time.</param>
public sealed record NewInsight(string Type, string Subject, string Category, string Rating, DateTime Time, bool History, string Content, bool Event = false);

/// <summary>Which insights to list, newest first.</summary>
/// <param name="Status">open (neither resolved nor archived), resolved (not archived), archived, or active (not archived); null for all.</param>
/// <param name="From">Insights opened at or after this time.</param>
/// <param name="To">Insights opened before this time.</param>
/// <param name="BeforeId">Where the previous page ended.</param>
public sealed record InsightFilter(string? Category, string? Rating, string? Status, DateTime? From, DateTime? To, long? BeforeId, int Limit)
{
    /// <summary>A type left out (what a caller may not see), or null.</summary>
    public string? ExcludedType { get; init; }
}

/// <summary>A notification waiting for (or done with) one channel.</summary>
public sealed record QueuedNotification(long Id, long InsightId, string Channel, DateTime QueuedAt, DateTime NextTryAt, int Tries, string? LastError);

/// <summary>Where a notification channel stands: when it last delivered, and its last error.</summary>
/// <param name="Pending">Notifications waiting for it.</param>
public sealed record ChannelStatus(string Channel, DateTime? LastSentAt, DateTime? LastErrorAt, string? LastError, int Pending);
