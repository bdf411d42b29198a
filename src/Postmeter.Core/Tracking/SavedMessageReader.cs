namespace Postmeter.Core.Tracking;

/// <summary>Turns saved messages back into tracked ones (without their links), sharing repeated strings among them.</summary>
/// <param name="keepRawLines">Whether the saved log lines are taken back: a tracker that keeps none (a reader ending the messages) does not.</param>
internal sealed class SavedMessageReader(bool keepRawLines)
{
    private readonly StringInterner _strings = new();

    public TrackedMessage Read(TrackerSnapshot.MessageState s)
    {
        var m = new TrackedMessage(_strings.Intern(s.Host), _strings.Intern(s.Instance), s.QueueId, s.FirstSeen)
        {
            StateId = s.Id,
            LastSeen = s.LastSeen,
            Origin = s.Origin,
            ReceivedAt = s.ReceivedAt,
            MessageId = s.MessageId,
            Sender = _strings.Intern(s.Sender),
            ClientHost = _strings.Intern(s.ClientHost),
            ClientIp = _strings.Intern(s.ClientIp),
            SaslUsername = _strings.Intern(s.SaslUsername),
            Size = s.Size,
            RecipientCount = s.RecipientCount,
            ReturnedToSender = s.ReturnedToSender,
            NotificationOf = s.NotificationOf,
            NotificationKind = s.NotificationKind,
            ExpiredAt = s.ExpiredAt,
            Held = s.Held,
            Completion = s.Completion,
            CompletedAt = s.CompletedAt,
            Emitted = s.Emitted,
            Settled = s.Settled,
        };

        // A tracker that keeps no lines (a reader ending the messages) does not take them back either.
        if (keepRawLines)
        {
            m.AppendRawLines(s.RawLines);
        }

        foreach (var r in s.Recipients)
        {
            var recipient = new TrackedRecipient(_strings.Intern(r.Address), _strings.Intern(r.OrigAddress))
            {
                HopQueueId = r.HopQueueId,
                DiscardedAt = r.DiscardedAt,
            };
            foreach (var a in r.Attempts)
            {
                recipient.Attempts.Add(a with
                {
                    Daemon = _strings.Intern(a.Daemon),
                    Relay = _strings.Intern(a.Relay),
                    Dsn = _strings.Intern(a.Dsn),
                    Response = _strings.Intern(a.Response),
                    Tls = _strings.Intern(a.Tls),
                });
            }

            m.Recipients.Add(recipient);
        }

        return m;
    }
}
