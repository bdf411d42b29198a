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
