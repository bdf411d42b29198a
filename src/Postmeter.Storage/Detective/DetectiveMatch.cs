using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Detective;

/// <summary>
/// Whether a message or reject answers a search: the rule every store's own query (SQL, for stored rows) must agree
/// with, and the one used for the mail still in flight, which only the tracker's saved state holds.
/// </summary>
public static class DetectiveMatch
{
    /// <summary>A Message-ID as searched and stored: without the angle brackets around it.</summary>
    public static string MessageIdOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var trimmed = id.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '<' && trimmed[^1] == '>' ? trimmed[1..^1] : trimmed;
    }

    public static bool Matches(TrackedMessage message, DetectiveQuery query)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(query);
        return query.Range.Contains(message.EndedAt)
            && (query.Sender is not { } sender || Address(message.Sender, sender))
            && (query.Recipient is not { } recipient || message.Recipients.Any(r => Recipient(r, recipient)))
            && (query.Id is not { } id || message.QueueId == id || message.Hops.Contains(id) || message.MessageId == MessageIdOf(id))
            && (query.Directions is not { } directions || directions.Contains(message.Direction))
            && (query.Provider is not { } provider || message.Recipients.Any(r => provider.Holds(r.Address)))
            && (query.Client is not { } client || message.ClientIp == client)
            && (query.SaslUsername is not { } username || message.SaslUsername == username)
            && Status(message, query.Status);
    }

    /// <summary>Whether rejects may answer the search: they count as inbound mail, and carry no SASL username.</summary>
    public static bool WantsRejects(DetectiveQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Status is DetectiveStatus.Any or DetectiveStatus.Rejected
            && query.SaslUsername is null
            && (query.Directions is not { } directions || directions.Contains(Direction.Inbound));
    }

    public static bool Matches(RejectRecord reject, DetectiveQuery query)
    {
        ArgumentNullException.ThrowIfNull(reject);
        ArgumentNullException.ThrowIfNull(query);
        return WantsRejects(query)
            && query.Range.Contains(reject.Time)
            && (query.Sender is not { } sender || Address(reject.Sender, sender))
            && (query.Recipient is not { } recipient || Address(reject.Recipient, recipient))
            && (query.Id is not { } id || reject.QueueId == id)
            && (query.Provider is not { } provider || provider.Holds(reject.Recipient))
            && (query.Client is not { } client || reject.ClientIp == client);
    }

    /// <summary>Whether a message is still in the queue (not one that ended and waits to be stored).</summary>
    public static bool IsQueued(TrackedMessage message) => message.Completion == Completion.StillQueued;

    private static bool Status(TrackedMessage message, DetectiveStatus status) => status switch
    {
        DetectiveStatus.Any => true,
        DetectiveStatus.Rejected => false,
        DetectiveStatus.Returned => message.ReturnedToSender,
        DetectiveStatus.Queued => IsQueued(message),
        _ => message.FinalRecipients.Any(r => r.Fate == FateOf(status)),
    };

    private static Fate FateOf(DetectiveStatus status) => status switch
    {
        DetectiveStatus.Sent => Fate.Sent,
        DetectiveStatus.Bounced => Fate.Bounced,
        DetectiveStatus.Deferred => Fate.Deferred,
        DetectiveStatus.Expired => Fate.Expired,
        _ => Fate.Discarded,
    };

    private static bool Address(string? address, SearchTerm term) => term.IsDomain
        ? LookupKeys.DomainOf(address) == term.Text
        : string.Equals(address, term.Text, StringComparison.OrdinalIgnoreCase);

    private static bool Recipient(TrackedRecipient recipient, SearchTerm term)
    {
        if (Address(recipient.Address, term) || (!term.IsDomain && Address(recipient.OrigAddress, term)))
        {
            return true;
        }

        if (!term.IsDomain || LookupKeys.RelayKeyOf(recipient.LastAttempt?.Relay) is not { } relay)
        {
            return false;
        }

        var key = LookupKeys.ReversedDomain(term.Text);
        return relay == key || (relay.StartsWith(key, StringComparison.Ordinal) && relay[key.Length] == '.');
    }
}
