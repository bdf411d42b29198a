using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

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

    /// <summary>Puts back <see cref="Changes"/> as it was when the message was packed.</summary>
    internal void RestoreChanges(int changes) => Changes = changes;

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
