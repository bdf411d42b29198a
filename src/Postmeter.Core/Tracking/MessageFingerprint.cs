using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>
/// What a saved message looked like, enough to tell cheaply whether it changed since: every field the saved state
/// holds, strings by reference (the tracker replaces a string, never edits one), and the lengths of what only grows
/// (raw lines, recipients, each recipient's attempts, hop children).
/// </summary>
internal sealed class MessageFingerprint
{
    private readonly DateTime _lastSeen;
    private readonly DateTime? _receivedAt;
    private readonly DateTime? _expiredAt;
    private readonly DateTime? _completedAt;
    private readonly string? _messageId;
    private readonly string? _sender;
    private readonly string? _clientHost;
    private readonly string? _clientIp;
    private readonly string? _saslUsername;
    private readonly string? _notificationOf;
    private readonly long? _size;
    private readonly int? _recipientCount;
    private readonly long? _hopParent;
    private readonly int _hopChildren;
    private readonly int _rawLength;
    private readonly MessageOrigin _origin;
    private readonly NotificationKind? _notificationKind;
    private readonly Completion _completion;
    private readonly bool _returnedToSender;
    private readonly bool _held;
    private readonly bool _emitted;
    private readonly bool _settled;
    private readonly RecipientPrint[] _recipients;

    private MessageFingerprint(TrackedMessage m)
    {
        _lastSeen = m.LastSeen;
        _receivedAt = m.ReceivedAt;
        _expiredAt = m.ExpiredAt;
        _completedAt = m.CompletedAt;
        _messageId = m.MessageId;
        _sender = m.Sender;
        _clientHost = m.ClientHost;
        _clientIp = m.ClientIp;
        _saslUsername = m.SaslUsername;
        _notificationOf = m.NotificationOf;
        _size = m.Size;
        _recipientCount = m.RecipientCount;
        _hopParent = m.HopParent?.StateId;
        _hopChildren = m.HopChildren?.Count ?? -1;
        _rawLength = m.RawLines.Length;
        _origin = m.Origin;
        _notificationKind = m.NotificationKind;
        _completion = m.Completion;
        _returnedToSender = m.ReturnedToSender;
        _held = m.Held;
        _emitted = m.Emitted;
        _settled = m.Settled;
        _recipients = new RecipientPrint[m.Recipients.Count];
        for (var i = 0; i < _recipients.Length; i++)
        {
            _recipients[i] = new RecipientPrint(m.Recipients[i]);
        }
    }

    public static MessageFingerprint Of(TrackedMessage message) => new(message);

    public bool Matches(TrackedMessage m)
    {
        if (_lastSeen != m.LastSeen || _rawLength != m.RawLines.Length || _recipients.Length != m.Recipients.Count
            || _completion != m.Completion || _completedAt != m.CompletedAt || _emitted != m.Emitted || _settled != m.Settled
            || _expiredAt != m.ExpiredAt || _receivedAt != m.ReceivedAt || _held != m.Held || _returnedToSender != m.ReturnedToSender
            || _origin != m.Origin || _notificationKind != m.NotificationKind || _size != m.Size || _recipientCount != m.RecipientCount
            || _hopParent != m.HopParent?.StateId || _hopChildren != (m.HopChildren?.Count ?? -1)
            || !ReferenceEquals(_messageId, m.MessageId) || !ReferenceEquals(_sender, m.Sender)
            || !ReferenceEquals(_clientHost, m.ClientHost) || !ReferenceEquals(_clientIp, m.ClientIp)
            || !ReferenceEquals(_saslUsername, m.SaslUsername) || !ReferenceEquals(_notificationOf, m.NotificationOf))
        {
            return false;
        }

        for (var i = 0; i < _recipients.Length; i++)
        {
            if (!_recipients[i].Matches(m.Recipients[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A recipient's changing parts (its addresses never change; attempts are only ever appended).</summary>
    private readonly struct RecipientPrint(TrackedRecipient r)
    {
        private readonly TrackedRecipient _recipient = r;
        private readonly string? _hopQueueId = r.HopQueueId;
        private readonly DateTime? _discardedAt = r.DiscardedAt;
        private readonly int _attempts = r.Attempts.Count;

        public bool Matches(TrackedRecipient r) => ReferenceEquals(_recipient, r) && ReferenceEquals(_hopQueueId, r.HopQueueId)
            && _discardedAt == r.DiscardedAt && _attempts == r.Attempts.Count;
    }
}
