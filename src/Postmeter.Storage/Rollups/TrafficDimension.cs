namespace Postmeter.Storage.Rollups;

/// <summary>What a keyed rollup row counts by.</summary>
public enum TrafficDimension : byte
{
    /// <summary>The recipient's domain, lower-cased (<c>&lt;&gt;</c> for none, <c>(no domain)</c> for a bare name).</summary>
    RecipientDomain = 1,

    /// <summary>The sender's domain, spelled as <see cref="RecipientDomain"/>.</summary>
    SenderDomain = 2,

    /// <summary>The sender's address, lower-cased (kept per day only).</summary>
    Sender = 3,

    /// <summary>The recipient's address, lower-cased (kept per day only).</summary>
    Recipient = 4,

    /// <summary>A sender of ours (a message that is not inbound): its address, lower-cased.</summary>
    MailboxSent = 5,

    /// <summary>A recipient whose last attempt was a delivery on this server (local, virtual, lmtp, pipe).</summary>
    MailboxReceived = 6,

    /// <summary>A failure cause (<see cref="Core.Reporting.FailureReason.Key"/>): of a bounce, a deferral attempt or a reject.</summary>
    Reason = 7,

    /// <summary>A failure cause and a recipient domain it hit: the reason's key, U+001E, the domain.</summary>
    ReasonDomain = 8,
}

/// <summary>The status column of the rollups: a <see cref="Core.Tracking.Fate"/>, or a reject.</summary>
public static class TrafficStatus
{
    /// <summary>A refusal before the queue (counted under the inbound direction: it is mail coming in that was refused).</summary>
    public const byte Rejected = 16;

    /// <summary>Messages whose sender got a non-delivery notification (read models only; counted per message).</summary>
    public const byte Returned = 32;

    /// <summary>Separates a reason's key from a domain in <see cref="TrafficDimension.ReasonDomain"/>.</summary>
    public const char DomainSeparator = '\u001e';
}
