namespace Postmeter.Storage.Detective;

/// <summary>What a detective search asks for; every given term must hold.</summary>
/// <param name="Sender">The sender: an address or a domain.</param>
/// <param name="Recipient">A recipient: an address (as written to, or as an alias expanded to), or a domain (which also matches a remote relay whose host ends in it).</param>
/// <param name="Id">A queue id of any of the message's queues, or its Message-ID (angle brackets taken off).</param>
/// <param name="Range">When the message ended (as <c>messages --from --to</c> selects it) or the reject happened.</param>
/// <param name="After">Where the previous page ended (its <see cref="DetectivePage.Next"/>); null for the first page.</param>
/// <param name="Limit">Results per page.</param>
/// <param name="CountTotal">Whether to count every result (up to <see cref="DetectivePage.TotalLimit"/>).</param>
public sealed record DetectiveQuery(
    SearchTerm? Sender, SearchTerm? Recipient, string? Id, DetectiveStatus Status, TimeRange Range, PagePosition? After, int Limit, bool CountTotal)
{
    /// <summary>The directions of the messages wanted (rejects count as inbound, as on the dashboard); null for any.</summary>
    public IReadOnlyCollection<Core.Tracking.Direction>? Directions { get; init; }

    /// <summary>The address of the client that sent the message or was refused (as Postfix logs it, e.g. <c>192.0.2.7</c>); null for any.</summary>
    public string? Client { get; init; }

    /// <summary>The SASL username that submitted the message (exactly as logged); null for any. Rejects have none.</summary>
    public string? SaslUsername { get; init; }

    /// <summary>A provider group a recipient's domain must belong to (as the dashboard groups them); null for any.</summary>
    public ProviderFilter? Provider { get; init; }
}

/// <summary>Recipients whose domain <paramref name="Rules"/> put in <paramref name="Group"/> (no domain: <see cref="Core.Classification.ProviderGroups.Other"/>).</summary>
public sealed record ProviderFilter(string Group, Core.Classification.ProviderGroups Rules)
{
    public bool Holds(string? address) => Rules.GroupOf(LookupKeys.DomainOf(address) ?? "") == Group;
}

/// <summary>An address (<c>a@example.com</c>) or a domain (<c>@example.com</c> or <c>example.com</c>), lower-cased.</summary>
public sealed record SearchTerm(string Text, bool IsDomain)
{
    /// <summary>The term a user typed; null when it is not an address or a domain.</summary>
    public static SearchTerm? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed.Length is 0 or > 320 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ','))
        {
            return null;
        }

        var at = trimmed.LastIndexOf('@');
        if (at == 0)
        {
            return IsDomainName(trimmed[1..]) ? new SearchTerm(trimmed[1..], true) : null;
        }

        if (at < 0)
        {
            return IsDomainName(trimmed) ? new SearchTerm(trimmed, true) : null;
        }

        return at < trimmed.Length - 1 && IsDomainName(trimmed[(at + 1)..]) ? new SearchTerm(trimmed, false) : null;
    }

    /// <summary>The domain of the term: itself, or the address's.</summary>
    public string Domain => IsDomain ? Text : Text[(Text.LastIndexOf('@') + 1)..];

    private static bool IsDomainName(string text) =>
        text.Length is > 0 and <= 253 && !text.StartsWith('.') && !text.EndsWith('.') && !text.Contains("..", StringComparison.Ordinal) && !text.Contains('@');
}

/// <summary>Which results a search keeps.</summary>
public enum DetectiveStatus
{
    /// <summary>Every message and reject.</summary>
    Any,

    /// <summary>Messages with a recipient of that fate.</summary>
    Sent,
    Bounced,
    Deferred,
    Expired,
    Discarded,

    /// <summary>Messages whose sender got a non-delivery notification.</summary>
    Returned,

    /// <summary>Rejects only.</summary>
    Rejected,

    /// <summary>Messages still in the queue at the last commit.</summary>
    Queued,
}

/// <summary>
/// Where a page ends: the results are the messages still in flight (newest first, <see cref="InFlightSkipped"/> of them
/// shown), then the stored messages and rejects by descending sequence number (<see cref="BeforeSequence"/>).
/// </summary>
public sealed record PagePosition(int InFlightSkipped, long BeforeSequence);
