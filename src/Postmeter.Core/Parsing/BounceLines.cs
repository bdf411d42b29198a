namespace Postmeter.Core.Parsing;

/// <summary>
/// bounce: <c>QID: sender non-delivery notification: NEWQID</c> (also <c>postmaster non-delivery</c>,
/// <c>sender delay</c>, <c>sender delivery status</c>) and Postfix 3.11's <c>QID: sender notification failed …</c>.
/// </summary>
internal static class BounceLines
{
    public static void Parse(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (!QueueIds.TrySplit(text, out var queueId, out var rest))
        {
            return;
        }

        var marker = rest.IndexOf(" notification: "u8);
        if (marker > 0)
        {
            var what = rest[..marker];
            NotificationKind? kind = what switch
            {
                _ when what.SequenceEqual("sender non-delivery"u8) => NotificationKind.SenderNonDelivery,
                _ when what.SequenceEqual("postmaster non-delivery"u8) => NotificationKind.PostmasterNonDelivery,
                _ when what.SequenceEqual("sender delay"u8) => NotificationKind.Delay,
                _ when what.SequenceEqual("sender delivery status"u8) || what.SequenceEqual("sender success"u8) => NotificationKind.Success,
                _ => null,
            };
            var child = rest[(marker + 15)..];
            if (kind is { } k && QueueIds.IsQueueId(child))
            {
                e.Kind = PostfixEventKind.Notification;
                e.QueueId = queueId;
                e.Notification = k;
                e.ChildQueueId = child;
            }

            return;
        }

        if (rest.IndexOf("notification failed"u8) >= 0)
        {
            e.Kind = PostfixEventKind.NotificationFailed;
            e.QueueId = queueId;
            e.Text = rest;
        }
    }
}
