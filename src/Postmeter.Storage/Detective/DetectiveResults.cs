using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Detective;

/// <summary>One page of results, newest first.</summary>
/// <param name="Total">Every result of the search, counted up to <see cref="TotalLimit"/>; null when not counted.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record DetectivePage(IReadOnlyList<DetectiveResult> Results, long? Total, bool TotalIsExact, PagePosition? Next)
{
    /// <summary>A search counts its results up to this many.</summary>
    public const int TotalLimit = 1_000;
}

/// <summary>A message or a reject.</summary>
public sealed record DetectiveResult(FoundMessage? Message, FoundReject? Reject)
{
    public DateTime Time => Message?.EndedAt ?? Reject!.Time;
}

/// <summary>
/// A message as the detective shows it (a read model: nothing of the tracker's state). <see cref="Id"/> names it for
/// <c>/api/v1/messages/{id}</c>: <c>m</c> and its sequence number when stored, <c>q</c>… while in flight.
/// </summary>
public sealed record FoundMessage(
    string Id,
    string Host,
    string Instance,
    string QueueId,
    IReadOnlyList<string> Hops,
    DateTime FirstSeen,
    DateTime? ReceivedAt,
    DateTime EndedAt,
    bool InFlight,
    Completion Completion,
    MessageOrigin Origin,
    Direction Direction,
    string? MessageId,
    string? Sender,
    string? ClientHost,
    string? ClientIp,
    string? SaslUsername,
    long? Size,
    bool ReturnedToSender,
    string? NotificationOf,
    NotificationKind? NotificationKind,
    DateTime? ExpiredAt,
    bool Held,
    IReadOnlyList<FoundRecipient> Recipients,
    bool HasLog)
{
    /// <summary>The notification Postfix sent back about this message, when it was returned and that notification is stored.</summary>
    public string? NotificationId { get; init; }

    /// <summary>For a notification: the message it reports on, when stored.</summary>
    public string? NotifiedMessageId { get; init; }
}

/// <summary>A final recipient (or one handed on to <see cref="HopQueueId"/>) with every attempt.</summary>
public sealed record FoundRecipient(string Address, string? OrigAddress, string? HopQueueId, Fate Fate, DateTime? FateAt, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>A refusal before the queue (or by cleanup); <see cref="Id"/> is <c>r</c> and its sequence number.</summary>
public sealed record FoundReject(
    string Id, DateTime Time, string Host, string? QueueId, string Source, string Stage, string? ClientHost, string? ClientIp,
    string? Sender, string? Recipient, string? Code, string? Dsn, string Reason, bool HasLog);
