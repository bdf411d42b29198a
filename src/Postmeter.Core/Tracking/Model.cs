using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>The final state of one recipient of one message.</summary>
public enum Fate : byte
{
    Sent,
    Bounced,

    /// <summary>Still in the queue when the logs end: the last attempt was deferred and no expiry was logged.</summary>
    Deferred,

    /// <summary>Postfix gave up after deferrals (<c>status=expired</c>) and returned the message.</summary>
    Expired,

    /// <summary>Dropped on purpose: header/body/access <c>DISCARD</c>, milter discard, or the <c>discard</c> transport.</summary>
    Discarded,
}

/// <summary>Where a message went; see <see cref="DirectionRule"/>.</summary>
public enum Direction : byte
{
    Outbound,
    Inbound,
    Local,
}

/// <summary>How the message entered the queue.</summary>
public enum MessageOrigin : byte
{
    /// <summary>Only later lines were seen (the logs start in the middle of its life).</summary>
    Unknown,

    /// <summary>Received over SMTP (<c>smtpd … client=</c>).</summary>
    Smtp,

    /// <summary>Local submission through <c>sendmail</c>/<c>postdrop</c> (<c>pickup … uid=</c>).</summary>
    Pickup,

    /// <summary>Created by Postfix itself: bounce and delay notifications, local forwards.</summary>
    Internal,
}

/// <summary>How the message's life ended in the logs.</summary>
public enum Completion : byte
{
    /// <summary><c>removed</c> was logged (delivered, bounced or expired), or the message was discarded.</summary>
    Removed,

    /// <summary>The logs ended while the message was still queued.</summary>
    StillQueued,

    /// <summary>Its end never appeared: its queue id was reused or it fell silent for longer than any queue lifetime.</summary>
    Lost,
}

public static class TrackingNames
{
    public static string Of(Fate fate) => fate switch
    {
        Fate.Sent => "sent",
        Fate.Bounced => "bounced",
        Fate.Deferred => "deferred",
        Fate.Expired => "expired",
        _ => "discarded",
    };

    public static string Of(Direction direction) => direction switch
    {
        Direction.Outbound => "outbound",
        Direction.Inbound => "inbound",
        _ => "local",
    };

    public static string Of(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Bounced => "bounced",
        DeliveryStatus.Deferred => "deferred",
        DeliveryStatus.SoftBounce => "softbounce",
        DeliveryStatus.Deliverable => "deliverable",
        DeliveryStatus.Undeliverable => "undeliverable",
        _ => "unknown",
    };
}

/// <summary>One delivery status line for one recipient.</summary>
public sealed record DeliveryAttempt(
    DateTime Time,
    DeliveryStatus Status,
    string Daemon,
    string? Relay,
    string? Dsn,
    string? Response,
    double Delay,
    string? Tls);

/// <summary>A recipient of a message and every attempt to deliver to it.</summary>
public sealed class TrackedRecipient(string address, string? origAddress)
{
    public string Address { get; } = address;

    /// <summary>The address before rewriting (alias, virtual, canonical), when Postfix logged <c>orig_to=</c>.</summary>
    public string? OrigAddress { get; } = origAddress;

    public List<DeliveryAttempt> Attempts { get; } = [];

    /// <summary>Set when the recipient was handed to a content filter or forwarded: a hop into <see cref="HopQueueId"/>, not a delivery.</summary>
    public string? HopQueueId
    {
        get;
        set
        {
            field = value;
            Changes++;
        }
    }

    /// <summary>Set for recipients dropped by a discard action, which have no delivery line.</summary>
    public DateTime? DiscardedAt
    {
        get;
        set
        {
            field = value;
            Changes++;
        }
    }

    /// <summary>How many times <see cref="HopQueueId"/> or <see cref="DiscardedAt"/> was set (attempts are only appended).</summary>
    internal int Changes { get; private set; }

    public DeliveryAttempt? LastAttempt => Attempts.Count == 0 ? null : Attempts[^1];

    /// <summary>The recipient's final state; set when its message is emitted (or read back from a store).</summary>
    public Fate Fate { get; set; }

    /// <summary>When <see cref="Fate"/> was decided (last attempt, expiry or discard); set when its message is emitted.</summary>
    public DateTime? FateAt { get; set; }

    public int DeferralCount
    {
        get
        {
            var n = 0;
            foreach (var attempt in Attempts)
            {
                if (attempt.Status is DeliveryStatus.Deferred or DeliveryStatus.SoftBounce)
                {
                    n++;
                }
            }

            return n;
        }
    }
}

/// <summary>A refusal before a message was queued (smtpd, postscreen) or by cleanup (header/body checks, milters).</summary>
public sealed record RejectRecord(
    DateTime Time,
    string Host,
    string? QueueId,
    string Source,
    string Stage,
    string? ClientHost,
    string? ClientIp,
    string? Sender,
    string? Recipient,
    string? Code,
    string? Dsn,
    string Reason)
{
    /// <summary>The log line of the refusal, when the tracker keeps lines (<see cref="TrackerOptions.KeepRawLines"/>).</summary>
    public string? RawLine { get; init; }
}

/// <summary>A failed SMTP AUTH attempt.</summary>
public sealed record AuthFailureRecord(DateTime Time, string Host, string? ClientIp, string? Username, string Mechanism, string Reason);
