namespace Postmeter.Core.Parsing;

/// <summary>Which notification the bounce daemon created.</summary>
public enum NotificationKind : byte
{
    /// <summary><c>sender non-delivery notification</c>: the message is returned to its sender.</summary>
    SenderNonDelivery,

    /// <summary><c>postmaster non-delivery notification</c>.</summary>
    PostmasterNonDelivery,

    /// <summary><c>sender delay notification</c>: a warning; the message stays queued.</summary>
    Delay,

    /// <summary><c>sender delivery status notification</c> (DSN SUCCESS requested).</summary>
    Success,
}
