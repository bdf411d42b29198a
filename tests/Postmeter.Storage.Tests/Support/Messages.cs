using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Tests.Support;

/// <summary>Small hand-made messages and batches, for tests that need exact times and counts.</summary>
public static class Messages
{
    /// <summary>A message received at <paramref name="at"/> and delivered to each recipient a minute later.</summary>
    public static TrackedMessage Sent(string host, string queueId, DateTime at, string sender, params string[] recipients)
    {
        var message = new TrackedMessage(host, "postfix", queueId, at)
        {
            LastSeen = at.AddMinutes(1),
            Origin = MessageOrigin.Smtp,
            ReceivedAt = at,
            MessageId = $"{queueId}@example.net",
            Sender = sender,
            ClientIp = "192.0.2.1",
            Size = 1234,
            RecipientCount = recipients.Length,
            Completion = Completion.Removed,
            CompletedAt = at.AddMinutes(1),
            Direction = Direction.Outbound,
        };
        foreach (var address in recipients)
        {
            var recipient = new TrackedRecipient(address, null) { Fate = Fate.Sent, FateAt = at.AddMinutes(1) };
            recipient.Attempts.Add(new DeliveryAttempt(at.AddMinutes(1), DeliveryStatus.Sent, "smtp", "mx.example.com[192.0.2.9]:25", "2.0.0", "250 ok", 0.5, null));
            message.Recipients.Add(recipient);
        }

        return message;
    }

    public static RejectRecord Reject(DateTime at, string recipient) =>
        new(at, "mail", null, "smtpd", "RCPT", "unknown", "192.0.2.7", "spam@example.org", recipient, "554", "5.7.1", "Relay access denied") { RawLine = $"{at:MMM dd HH:mm:ss} mail postfix/smtpd[1]: NOQUEUE: reject" };

    public static AuthFailureRecord AuthFailure(DateTime at) => new(at, "mail", "192.0.2.8", "admin", "LOGIN", "authentication failed");

    /// <summary>A batch of the given records, numbered from <paramref name="firstSequence"/>.</summary>
    public static CommitBatch Batch(long firstSequence, params object[] records)
    {
        var batch = new CommitBatch();
        var seq = firstSequence;
        foreach (var record in records)
        {
            batch.Add(record switch
            {
                TrackedMessage m => new EmittedMessage(seq++, m),
                RejectRecord r => new EmittedReject(seq++, r),
                AuthFailureRecord a => new EmittedAuthFailure(seq++, a),
                _ => throw new ArgumentException("not a record", nameof(records)),
            });
        }

        batch.NextSequence = seq;
        return batch;
    }
}
