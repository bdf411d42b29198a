using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

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
