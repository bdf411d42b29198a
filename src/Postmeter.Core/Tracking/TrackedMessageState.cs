namespace Postmeter.Core.Tracking;

/// <summary>A tracked message as the tracker's saved state holds it.</summary>
internal static class TrackedMessageState
{
    public static TrackerSnapshot.MessageState Of(TrackedMessage m) => new()
    {
        Id = m.StateId,
        Host = m.Host,
        Instance = m.Instance,
        QueueId = m.QueueId,
        FirstSeen = m.FirstSeen,
        LastSeen = m.LastSeen,
        Origin = m.Origin,
        ReceivedAt = m.ReceivedAt,
        MessageId = m.MessageId,
        Sender = m.Sender,
        ClientHost = m.ClientHost,
        ClientIp = m.ClientIp,
        SaslUsername = m.SaslUsername,
        Size = m.Size,
        RecipientCount = m.RecipientCount,
        ReturnedToSender = m.ReturnedToSender,
        NotificationOf = m.NotificationOf,
        NotificationKind = m.NotificationKind,
        ExpiredAt = m.ExpiredAt,
        Held = m.Held,
        Completion = m.Completion,
        CompletedAt = m.CompletedAt,
        Emitted = m.Emitted,
        Settled = m.Settled,
        HopParent = m.HopParent?.StateId,
        HopChildren = m.HopChildren?.Select(c => c.StateId).ToList(),
        RawLines = m.RawLines.IsEmpty ? null : m.RawLines.ToArray(),
        Recipients = [.. m.Recipients.Select(r => new TrackerSnapshot.RecipientState
        {
            Address = r.Address,
            OrigAddress = r.OrigAddress,
            HopQueueId = r.HopQueueId,
            DiscardedAt = r.DiscardedAt,
            Attempts = r.Attempts,
        })],
    };
}
