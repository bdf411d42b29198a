using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>
/// One mail as Postfix queued it, keyed by (host, instance, queue id), and — once complete — the queues it passed
/// through after that (content filter re-injections, local forwards) with their deliveries merged in.
/// </summary>
public sealed class TrackedMessage(string host, string instance, string queueId, DateTime firstSeen)
{
    private byte[]? _raw;
    private int _rawLength;
    private long _changes;

    public string Host { get; } = host;

    public string Instance { get; } = instance;

    public string QueueId { get; } = queueId;

    public DateTime FirstSeen { get; } = firstSeen;

    public DateTime LastSeen { get; set => Changed(ref field, value); } = firstSeen;

    public MessageOrigin Origin { get; set => Changed(ref field, value); }

    /// <summary>When the message entered the queue (<c>client=</c>, <c>pickup</c> or cleanup); null if that was before the logs.</summary>
    public DateTime? ReceivedAt { get; set => Changed(ref field, value); }

    public string? MessageId { get; set => Changed(ref field, value); }

    public string? Sender { get; set => Changed(ref field, value); }

    public string? ClientHost { get; set => Changed(ref field, value); }

    public string? ClientIp { get; set => Changed(ref field, value); }

    public string? SaslUsername { get; set => Changed(ref field, value); }

    public long? Size { get; set => Changed(ref field, value); }

    public int? RecipientCount { get; set => Changed(ref field, value); }

    /// <summary>A sender non-delivery notification was created for this message.</summary>
    public bool ReturnedToSender { get; set => Changed(ref field, value); }

    /// <summary>For a notification Postfix created: the queue id of the message it reports on.</summary>
    public string? NotificationOf { get; set => Changed(ref field, value); }

    public NotificationKind? NotificationKind { get; set => Changed(ref field, value); }

    public DateTime? ExpiredAt { get; set => Changed(ref field, value); }

    public bool Held { get; set => Changed(ref field, value); }

    public Completion Completion { get; set => Changed(ref field, value); } = Completion.StillQueued;

    public DateTime? CompletedAt { get; set => Changed(ref field, value); }

    /// <summary>The time the message belongs to in stores and time ranges: <see cref="CompletedAt"/>, else <see cref="LastSeen"/>.</summary>
    public DateTime EndedAt => CompletedAt ?? LastSeen;

    /// <summary>Queue ids this message passed through after <see cref="QueueId"/>, in order.</summary>
    public List<string> Hops { get; } = [];

    public List<TrackedRecipient> Recipients { get; } = [];

    /// <summary>Set when the message is emitted.</summary>
    public Direction Direction { get; set; }

    /// <summary>
    /// The log lines about this message and its hops, each ending in a newline, when the tracker keeps them
    /// (<see cref="TrackerOptions.KeepRawLines"/>); empty otherwise.
    /// </summary>
    public ReadOnlySpan<byte> RawLines => _raw.AsSpan(0, _rawLength);

    /// <summary>The tracker's number for this message, stable across saves and restores (it keys the saved state).</summary>
    internal long StateId { get; set => Changed(ref field, value); }

    internal TrackedMessage? HopParent { get; set => Changed(ref field, value); }

    internal List<TrackedMessage>? HopChildren { get; set => Changed(ref field, value); }

    internal bool Emitted { get; set => Changed(ref field, value); }

    internal bool Settled { get; set => Changed(ref field, value); }

    /// <summary>How many times a field was set; with the lengths of what only grows, it tells that the message changed.</summary>
    internal long Changes => _changes;

    /// <summary>The tracker's compaction round in which this message was last looked up (<see cref="ActiveMessages"/>).</summary>
    internal int TouchedInRound { get; set; }

    /// <summary>Puts back <see cref="Changes"/> as it was when the message was packed.</summary>
    internal void RestoreChanges(long changes) => _changes = changes;

    private void Changed<T>(ref T field, T value)
    {
        field = value;
        _changes++;
    }

    internal void AppendRawLine(ReadOnlySpan<byte> line)
    {
        var needed = _rawLength + line.Length + 1;
        if (_raw is null || needed > _raw.Length)
        {
            Array.Resize(ref _raw, Math.Max(needed, Math.Max(256, (_raw?.Length ?? 0) * 2)));
        }

        line.CopyTo(_raw.AsSpan(_rawLength));
        _raw[needed - 1] = (byte)'\n';
        _rawLength = needed;
    }

    internal void AppendRawLines(ReadOnlySpan<byte> lines)
    {
        if (lines.IsEmpty)
        {
            return;
        }

        var needed = _rawLength + lines.Length;
        if (_raw is null || needed > _raw.Length)
        {
            Array.Resize(ref _raw, Math.Max(needed, (_raw?.Length ?? 0) * 2));
        }

        lines.CopyTo(_raw.AsSpan(_rawLength));
        _rawLength = needed;
    }

    /// <summary>Recipients that ended here (not handed on to another queue).</summary>
    public IEnumerable<TrackedRecipient> FinalRecipients => Recipients.Where(r => r.HopQueueId is null);

    public TrackedRecipient RecipientFor(string address, string? origAddress)
    {
        for (var i = Recipients.Count - 1; i >= 0; i--)
        {
            var r = Recipients[i];
            if (r.Address == address && r.OrigAddress == origAddress)
            {
                return r;
            }
        }

        var created = new TrackedRecipient(address, origAddress);
        Recipients.Add(created);
        return created;
    }

    /// <summary>The fate of a final recipient, given how the message ended.</summary>
    public Fate FateOf(TrackedRecipient recipient)
    {
        if (recipient.DiscardedAt is not null)
        {
            return Fate.Discarded;
        }

        var last = recipient.LastAttempt;
        return last?.Status switch
        {
            DeliveryStatus.Sent => last.Daemon == "discard" ? Fate.Discarded : Fate.Sent,
            DeliveryStatus.Bounced or DeliveryStatus.Undeliverable => Fate.Bounced,
            _ => ExpiredAt is null ? Fate.Deferred : Fate.Expired,
        };
    }

    /// <summary>When the recipient's fate was decided: its last attempt, or the expiry.</summary>
    public DateTime? FateTime(TrackedRecipient recipient) => FateOf(recipient) switch
    {
        Fate.Expired => ExpiredAt,
        Fate.Discarded when recipient.DiscardedAt is { } at => at,
        _ => recipient.LastAttempt?.Time,
    };
}
