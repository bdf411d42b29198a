namespace Postmeter.Core.Parsing;

/// <summary>The <c>status=</c> of a delivery line.</summary>
public enum DeliveryStatus : byte
{
    Sent,
    Bounced,
    Deferred,

    /// <summary>Would have bounced, but <c>soft_bounce = yes</c> kept it queued: a deferral.</summary>
    SoftBounce,

    /// <summary>Address verification probe results; not a delivery.</summary>
    Deliverable,
    Undeliverable,
    Unknown,
}
