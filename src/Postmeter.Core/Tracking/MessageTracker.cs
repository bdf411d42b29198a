using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>
/// Follows every queued message through the Postfix log to its fate. Feed it parsed lines in log order with
/// <c>Process</c>, then call <see cref="Complete"/> at the end of the input. Finished messages, rejects and
/// authentication failures go to the <see cref="ITrackingSink"/>. Memory is bounded by the messages in flight.
/// </summary>
public sealed class MessageTracker
{
    private readonly TrackerOptions _options;
    private readonly ScopeTable _scopes = new();
    private readonly StringCache _strings = new();
    private readonly ITrackingSink _sink;
    private readonly ActiveMessages _active;
    private readonly Dictionary<QueueKey, PendingLink> _pending = [];
    private readonly SettlingMessages _settling;
    private readonly LostMessageSweep _sweep;
    private DateTime _now = DateTime.MinValue;
    private long _nextStateId;
    private int _linesThisRound;

    public MessageTracker(ITrackingSink sink, TrackerOptions? options = null)
    {
        _sink = sink;
        _options = options ?? new TrackerOptions();
        _active = new ActiveMessages(_scopes, _strings);
        _settling = new SettlingMessages(sink);
        _sweep = new LostMessageSweep(_options.LostAfter);
    }

    public int InFlight => _active.Count;

    /// <summary>How many of the messages in flight are packed now (<see cref="TrackerOptions.PackIdleAfterLines"/>).</summary>
    public int PackedInFlight => _active.PackedCount;

    /// <summary>See <see cref="TrackerOptions.KeepRawLines"/>.</summary>
    public bool KeepsRawLines => _options.KeepRawLines;

    /// <summary>Lines about a queue that was not known and could not start one (e.g. <c>removed</c> of a message logged before the input began).</summary>
    public long OrphanLines { get; private set; }

    /// <summary>Whether lines of this kind change what the tracker knows (the rest are only counted).</summary>
    public static bool Wants(PostfixEventKind kind) => kind is PostfixEventKind.SmtpdClient or PostfixEventKind.Pickup
        or PostfixEventKind.MessageId or PostfixEventKind.QueueActive or PostfixEventKind.Delivery or PostfixEventKind.Removed
        or PostfixEventKind.Expired or PostfixEventKind.Notification or PostfixEventKind.Reject or PostfixEventKind.Discard
        or PostfixEventKind.Hold or PostfixEventKind.SaslFailure;

    /// <summary>Whether a line should reach <see cref="Process(in Envelope, in PostfixEvent, ReadOnlySpan{byte})"/>.</summary>
    public bool Needs(PostfixEventKind kind, ReadOnlySpan<byte> queueId) =>
        Wants(kind) || (_options.KeepRawLines && !queueId.IsEmpty);

    public void Process(scoped in Envelope envelope, scoped in PostfixEvent e) => Process(envelope, e, default);

    /// <summary>Tracks one line; <paramref name="rawLine"/> is kept with its message when <see cref="TrackerOptions.KeepRawLines"/> is on.</summary>
    public void Process(scoped in Envelope envelope, scoped in PostfixEvent e, ReadOnlySpan<byte> rawLine)
    {
        if (envelope.Time > _now)
        {
            _now = envelope.Time;
            _settling.EmitSettled(_now - _options.SettleTime);
            _sweep.Run(_now, _active, _pending, _settling);
        }

        if (_options.PackIdleAfterLines > 0 && ++_linesThisRound >= _options.PackIdleAfterLines)
        {
            _linesThisRound = 0;
            _active.EndRound();
        }

        switch (e.Kind)
        {
            case PostfixEventKind.SmtpdClient:
                OnClient(envelope, e);
                break;
            case PostfixEventKind.Pickup:
                OnPickup(envelope, e);
                break;
            case PostfixEventKind.MessageId:
                OnMessageId(envelope, e);
                break;
            case PostfixEventKind.QueueActive:
                OnQueueActive(envelope, e);
                break;
            case PostfixEventKind.Delivery:
                OnDelivery(envelope, e);
                break;
            case PostfixEventKind.Removed:
                OnRemoved(envelope, e);
                break;
            case PostfixEventKind.Expired:
                OnExpired(envelope, e);
                break;
            case PostfixEventKind.Notification:
                OnNotification(envelope, e);
                break;
            case PostfixEventKind.Reject:
                OnReject(envelope, e, rawLine);
                return;
            case PostfixEventKind.Discard:
                OnDiscard(envelope, e);
                break;
            case PostfixEventKind.Hold:
                if (!e.QueueId.IsEmpty && Find(envelope, e.QueueId, out _) is { } held)
                {
                    held.Held = true;
                    held.LastSeen = envelope.Time;
                }

                break;
            case PostfixEventKind.SaslFailure:
                _sink.OnAuthFailure(new AuthFailureRecord(
                    envelope.Time, Ascii.ToText(envelope.Host), Ascii.ToTextOrNull(e.ClientIp), Ascii.ToTextOrNull(e.SaslUsername),
                    Ascii.ToText(e.SaslMethod), Ascii.ToText(e.Text)));
                break;
            default:
                break;
        }

        if (_options.KeepRawLines && !rawLine.IsEmpty && !e.QueueId.IsEmpty && Find(envelope, e.QueueId, out _) is { } message)
        {
            message.AppendRawLine(rawLine);
        }
    }

    /// <summary>The input has ended: every message still in flight is emitted as it stands.</summary>
    public void Complete()
    {
        void EndStillQueued(TrackedMessage message)
        {
            message.Completion = Completion.StillQueued;
            message.CompletedAt = _now;
        }

        // Every message still queued ends now, before any hop tree holding one is emitted; the packed ones have no hops.
        foreach (var message in _active.Hot)
        {
            EndStillQueued(message);
        }

        _settling.EmitSettled(DateTime.MaxValue);

        // Then one at a time, oldest first (a stable order, so a tracker restored from a snapshot ends the same way),
        // each let go once emitted rather than all held until the last.
        _active.EndSilent(DateTime.MaxValue, (_, message) =>
        {
            EndStillQueued(message);
            _settling.EmitStillQueued(message);
        });

        _active.Clear();
        _pending.Clear();
    }

    /// <summary>The tracker's state between lines, to be committed with the rows it has emitted so far.</summary>
    public TrackerSnapshot Snapshot() => Snapshot(includeMessages: true);

    /// <summary>
    /// The state; without <paramref name="includeMessages"/> only what refers to the messages (by
    /// <see cref="TrackedMessage.StateId"/>), for <see cref="IncrementalTrackerState"/>, which saves them apart.
    /// </summary>
    internal TrackerSnapshot Snapshot(bool includeMessages) => new()
    {
        Now = _now,
        LastSweep = _sweep.LastSweep,
        OrphanLines = OrphanLines,
        NextStateId = _nextStateId,
        Messages = includeMessages
            ? [.. ReferencedMessages().Select(TrackedMessageState.Of), .. _active.Packed.Select(p => TrackedMessageState.Of(_active.Unpack(p)))]
            : [],
        Active = [.. _active.StateIds()],
        Recent = [.. _settling.Recent.Select(m => m.StateId)],
        Settling = [.. _settling.Waiting.Select(m => m.StateId)],
        Pending = [.. _pending.Select(p => new TrackerSnapshot.PendingState
        {
            Host = _scopes.HostOf(p.Key.Scope),
            Instance = _scopes.InstanceOf(p.Key.Scope),
            QueueId = p.Key.QueueIdText(),
            Time = p.Value.Time,
            HopParent = p.Value.HopParent?.StateId,
            NotificationOf = p.Value.NotificationOf,
            Notification = p.Value.Notification,
        })],
    };

    /// <summary>The packed messages in flight (<see cref="ReferencedMessages()"/> holds the rest).</summary>
    internal IEnumerable<byte[]> PackedMessages => _active.Packed;

    /// <summary>A packed message as an object, for a save; it stays packed.</summary>
    internal TrackedMessage Unpacked(byte[] packed) => _active.Unpack(packed);

    /// <summary>Every message the state refers to but the packed ones: in flight, recently ended, settling, awaited by a link, and their hops.</summary>
    internal List<TrackedMessage> ReferencedMessages()
    {
        var messages = new List<TrackedMessage>();
        ReferencedMessages(messages, new HashSet<TrackedMessage>(ReferenceEqualityComparer.Instance));
        return messages;
    }

    /// <summary><see cref="ReferencedMessages()"/> into collections the caller reuses (cleared first).</summary>
    internal void ReferencedMessages(List<TrackedMessage> messages, HashSet<TrackedMessage> seen)
    {
        messages.Clear();
        seen.Clear();
        void Visit(TrackedMessage m)
        {
            if (!seen.Add(m))
            {
                return;
            }

            messages.Add(m);
            if (m.HopParent is not null)
            {
                Visit(m.HopParent);
            }

            foreach (var child in m.HopChildren ?? [])
            {
                Visit(child);
            }
        }

        foreach (var m in _active.Hot)
        {
            Visit(m);
        }

        foreach (var m in _settling.Recent)
        {
            Visit(m);
        }

        foreach (var m in _settling.Waiting)
        {
            Visit(m);
        }

        foreach (var link in _pending.Values)
        {
            if (link.HopParent is not null)
            {
                Visit(link.HopParent);
            }
        }
    }

    /// <summary>Continues from a snapshot; only valid on a tracker that has not processed anything yet.</summary>
    /// <exception cref="InvalidDataException">The snapshot refers to a message it does not hold.</exception>
    public void Restore(TrackerSnapshot snapshot) => BeginRestore(snapshot).Finish();

    /// <summary>
    /// Continues from a state whose messages come apart (<see cref="IncrementalTrackerState"/>): the header (with any
    /// messages it holds itself), then each message through <see cref="TrackerRestore.Add"/>, then
    /// <see cref="TrackerRestore.Finish"/>. Only valid on a tracker that has not processed anything yet.
    /// </summary>
    public TrackerRestore BeginRestore(TrackerSnapshot header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_now != DateTime.MinValue || _active.Count > 0 || _settling.Count > 0)
        {
            throw new InvalidOperationException("A tracker can only be restored before it processes lines.");
        }

        return new TrackerRestore(this, header, _options.KeepRawLines);
    }

    /// <summary>The end of a <see cref="TrackerRestore"/>: the header's lists, by the messages <paramref name="find"/> gives for their ids.</summary>
    internal void Install(TrackerSnapshot header, Func<long, TrackedMessage> find, long highestId)
    {
        foreach (var id in header.Active)
        {
            var message = find(id);
            _active.Add(KeyOf(message), message);
        }

        foreach (var id in header.Recent)
        {
            var message = find(id);
            _settling.RestoreRecent(KeyOf(message), message);
        }

        foreach (var id in header.Settling)
        {
            var message = find(id);
            _settling.RestoreWaiting(KeyOf(message), message);
        }

        foreach (var p in header.Pending)
        {
            _pending[KeyOf(p.Host, p.Instance, p.QueueId)] = new PendingLink(
                p.Time, p.HopParent is { } parent ? find(parent) : null, p.NotificationOf, p.Notification);
        }

        _now = header.Now;
        _sweep.LastSweep = header.LastSweep;
        OrphanLines = header.OrphanLines;
        _nextStateId = Math.Max(header.NextStateId, highestId + 1);
    }

    /// <summary>One message as saved: its links to other messages by <see cref="TrackedMessage.StateId"/>.</summary>
    private QueueKey KeyOf(TrackedMessage m) => KeyOf(m.Host, m.Instance, m.QueueId);

    private QueueKey KeyOf(string host, string instance, string queueId)
    {
        var scope = _scopes.IdOf(System.Text.Encoding.UTF8.GetBytes(host), System.Text.Encoding.UTF8.GetBytes(instance));
        return QueueKey.From(scope, System.Text.Encoding.ASCII.GetBytes(queueId));
    }

    private void OnClient(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var message = Start(envelope, e.QueueId, MessageOrigin.Smtp);
        message.ClientHost = _strings.GetOrNull(e.ClientHost);
        message.ClientIp = _strings.GetOrNull(e.ClientIp);
        message.SaslUsername = _strings.GetOrNull(e.SaslUsername);
    }

    private void OnPickup(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var message = Start(envelope, e.QueueId, MessageOrigin.Pickup);
        message.Sender = _strings.Get(e.Address);
    }

    private void OnMessageId(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var message = Find(envelope, e.QueueId, out _);
        if (message is null || (message.MessageId is not null && message.Recipients.Count > 0))
        {
            // A cleanup line first: Postfix made this message itself (notification, forward, re-injection).
            message = Start(envelope, e.QueueId, MessageOrigin.Internal);
        }

        message.MessageId = Ascii.ToText(e.MessageId);
        message.LastSeen = envelope.Time;
    }

    private void OnQueueActive(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var message = FindOrStartPartial(envelope, e.QueueId);
        message.Sender ??= _strings.Get(e.Address);
        message.Size ??= e.Size;
        message.RecipientCount ??= e.RecipientCount;
        message.LastSeen = envelope.Time;
    }

    private void OnDelivery(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        if (e.Status is DeliveryStatus.Deliverable or DeliveryStatus.Undeliverable)
        {
            // Address verification probes test a route; they deliver nothing.
            return;
        }

        var message = FindOrStartPartial(envelope, e.QueueId);
        message.LastSeen = envelope.Time;
        var recipient = message.RecipientFor(_strings.Get(e.Address), _strings.GetOrNull(e.OrigTo));
        var relay = e.Relay.SequenceEqual("none"u8) ? null : _strings.GetOrNull(e.Relay);
        recipient.Attempts.Add(new DeliveryAttempt(
            envelope.Time, e.Status, DaemonName(envelope.Daemon), relay, _strings.GetOrNull(e.Dsn), ResponseText(e), e.Delay, _strings.GetOrNull(e.Tls)));
        if (e.Status == DeliveryStatus.Sent)
        {
            LinkHop(envelope, e, message, recipient);
        }
    }

    /// <summary>Failure replies repeat (the same refusal for many messages); success replies carry unique ids.</summary>
    private string? ResponseText(scoped in PostfixEvent e) =>
        e.Status == DeliveryStatus.Sent ? Ascii.ToTextOrNull(e.Text) : _strings.GetOrNull(e.Text);

    private void OnRemoved(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var scope = ScopeOf(envelope);
        var key = QueueKey.From(scope, e.QueueId);
        if (!_active.Remove(key, out var message))
        {
            OrphanLines++;
            return;
        }

        _settling.Finish(key, message, Completion.Removed, envelope.Time);
    }

    private void OnExpired(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var message = FindOrStartPartial(envelope, e.QueueId);
        message.Sender ??= _strings.Get(e.Address);
        message.ExpiredAt = envelope.Time;
        message.LastSeen = envelope.Time;
    }

    private void OnNotification(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        var parent = Find(envelope, e.QueueId, out _);
        if (parent is null)
        {
            OrphanLines++;
        }
        else
        {
            parent.LastSeen = envelope.Time;
            if (e.Notification == NotificationKind.SenderNonDelivery)
            {
                parent.ReturnedToSender = true;
            }
        }

        // A notification about a queue a message hopped into is about that message: name its first queue.
        var root = parent;
        while (root?.HopParent is not null)
        {
            root = root.HopParent;
        }

        var parentId = root?.QueueId ?? Ascii.ToText(e.QueueId);
        var child = Find(envelope, e.ChildQueueId, out _);
        if (child is not null)
        {
            child.NotificationOf = parentId;
            child.NotificationKind = e.Notification;
        }
        else
        {
            // Postfix 3.11 logs the notification before cleanup logs the new queue.
            _pending[QueueKey.From(ScopeOf(envelope), e.ChildQueueId)] = new PendingLink(envelope.Time, null, parentId, e.Notification);
        }
    }

    private void OnReject(scoped in Envelope envelope, scoped in PostfixEvent e, ReadOnlySpan<byte> rawLine)
    {
        var source = DaemonName(envelope.Daemon);
        var code = Ascii.ToTextOrNull(e.ReplyCode);
        var dsn = Ascii.ToTextOrNull(e.Dsn);
        code ??= dsn is null ? null : dsn[0] == '4' ? "450" : "550";
        string? queueId = null;
        if (!e.QueueId.IsEmpty)
        {
            queueId = Ascii.ToText(e.QueueId);
            if (RejectsWholeMessage(source, e.Stage))
            {
                // A message refused at end of data (header/body checks, milters) was never really queued: it is a
                // reject, not a message.
                var key = QueueKey.From(ScopeOf(envelope), e.QueueId);
                _active.Forget(key);
            }
        }

        _sink.OnReject(new RejectRecord(
            envelope.Time, Ascii.ToText(envelope.Host), queueId, source, Ascii.ToText(e.Stage), Ascii.ToTextOrNull(e.ClientHost),
            Ascii.ToTextOrNull(e.ClientIp), Ascii.ToTextOrNull(e.Sender), Ascii.ToTextOrNull(e.Address), code, dsn, Ascii.ToText(e.Text))
        {
            RawLine = _options.KeepRawLines && !rawLine.IsEmpty ? System.Text.Encoding.UTF8.GetString(rawLine) : null,
        });
    }

    private static bool RejectsWholeMessage(string source, ReadOnlySpan<byte> stage) =>
        source == "cleanup" || stage.SequenceEqual("DATA"u8) || stage.SequenceEqual("END-OF-MESSAGE"u8)
        || stage.SequenceEqual("BDAT"u8) || stage.SequenceEqual("header"u8) || stage.SequenceEqual("body"u8);

    private void OnDiscard(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        if (e.QueueId.IsEmpty)
        {
            return;
        }

        var scope = ScopeOf(envelope);
        var key = QueueKey.From(scope, e.QueueId);
        if (!_active.Remove(key, out var message))
        {
            OrphanLines++;
            return;
        }

        message.Sender ??= _strings.GetOrNull(e.Sender);
        if (!e.Address.IsEmpty)
        {
            message.RecipientFor(Ascii.ToText(e.Address), null).DiscardedAt = envelope.Time;
        }

        _settling.Finish(key, message, Completion.Removed, envelope.Time);
    }

    /// <summary>
    /// A recipient accepted with <c>queued as X</c> by this same Postfix (a content filter re-injecting) or
    /// <c>forwarded as X</c> by local(8): the message goes on in queue X, so this line is a hop, not a delivery.
    /// </summary>
    private void LinkHop(scoped in Envelope envelope, scoped in PostfixEvent e, TrackedMessage message, TrackedRecipient recipient)
    {
        var text = e.Text;
        var forwarded = text.StartsWith("forwarded as "u8);
        var at = forwarded ? 13 : text.IndexOf("queued as "u8) is var q and >= 0 ? q + 10 : -1;
        if (at < 0)
        {
            return;
        }

        var idEnd = at;
        while (idEnd < text.Length && (Ascii.IsDigit(text[idEnd]) || (uint)((text[idEnd] | 0x20) - 'a') <= 'z' - 'a'))
        {
            idEnd++;
        }

        var childId = text[at..idEnd];
        if (!QueueIds.IsQueueId(childId))
        {
            return;
        }

        var scope = ScopeOf(envelope);
        var child = FindOnHost(scope, childId);
        if (child is not null && child != message && child.HopParent is null && !HopTree.IsAncestor(child, message))
        {
            HopTree.Attach(message, recipient, child);
            return;
        }

        if (forwarded || LooksLikeReinjection(e.Relay, text))
        {
            recipient.HopQueueId = Ascii.ToText(childId);
            _pending[QueueKey.From(scope, childId)] = new PendingLink(envelope.Time, message, null, null);
        }
    }

    private static bool LooksLikeReinjection(ReadOnlySpan<byte> relay, ReadOnlySpan<byte> text) =>
        text.IndexOf("from MTA("u8) >= 0 || relay.IndexOf("[127."u8) >= 0 || relay.IndexOf("[::1]"u8) >= 0
        || relay.StartsWith("127."u8) || relay.StartsWith("localhost"u8);

    private TrackedMessage Start(scoped in Envelope envelope, ReadOnlySpan<byte> queueId, MessageOrigin origin)
    {
        var scope = ScopeOf(envelope);
        var key = QueueKey.From(scope, queueId);
        if (_active.Remove(key, out var stale))
        {
            // The queue id came back before its message's end was logged: that message's end is lost.
            _settling.Finish(key, stale, Completion.Lost, stale.LastSeen);
        }

        var message = new TrackedMessage(_scopes.HostOf(scope), _scopes.InstanceOf(scope), Ascii.ToText(queueId), envelope.Time)
        {
            StateId = _nextStateId++,
            Origin = origin,
            ReceivedAt = envelope.Time,
        };
        _active.Add(key, message);
        if (_pending.Remove(key, out var link))
        {
            ApplyPending(link, message);
        }

        return message;
    }

    private static void ApplyPending(PendingLink link, TrackedMessage message)
    {
        if (link.HopParent is { Emitted: false } parent)
        {
            if (parent.Recipients.Any(r => r.HopQueueId == message.QueueId))
            {
                message.HopParent = parent;
                (parent.HopChildren ??= []).Add(message);
            }
        }
        else if (link.NotificationOf is not null)
        {
            message.NotificationOf = link.NotificationOf;
            message.NotificationKind = link.Notification;
        }
    }

    private TrackedMessage FindOrStartPartial(scoped in Envelope envelope, ReadOnlySpan<byte> queueId)
    {
        if (Find(envelope, queueId, out _) is { } found)
        {
            return found;
        }

        // Seen first in the middle of its life: when it entered the queue is not in the logs.
        var started = Start(envelope, queueId, MessageOrigin.Unknown);
        started.ReceivedAt = null;
        return started;
    }

    /// <summary>The in-flight message with this queue id, or one that finished a moment ago (late lines still belong to it).</summary>
    private TrackedMessage? Find(scoped in Envelope envelope, ReadOnlySpan<byte> queueId, out QueueKey key)
    {
        key = QueueKey.From(ScopeOf(envelope), queueId);
        return _active.TryGet(key, out var message) || _settling.TryFindRecent(key, out message) ? message : null;
    }

    private TrackedMessage? FindOnHost(int scope, ReadOnlySpan<byte> queueId)
    {
        foreach (var candidate in _scopes.SameHost(scope))
        {
            var key = QueueKey.From(candidate, queueId);
            if (_active.TryGet(key, out var message) || _settling.TryFindRecent(key, out message))
            {
                return message;
            }
        }

        return null;
    }

    private int ScopeOf(scoped in Envelope envelope) => _scopes.IdOf(envelope.Host, envelope.Instance);

    /// <summary>For <see cref="InFlightEnding"/>: emits a message ended outside the tracker, with its hops, unless it was emitted before.</summary>
    internal void EmitEnded(TrackedMessage root) => _settling.EmitEnded(root);

    private static string DaemonName(ReadOnlySpan<byte> daemon) => daemon switch
    {
        _ when daemon.SequenceEqual("smtp"u8) => "smtp",
        _ when daemon.SequenceEqual("local"u8) => "local",
        _ when daemon.SequenceEqual("virtual"u8) => "virtual",
        _ when daemon.SequenceEqual("lmtp"u8) => "lmtp",
        _ when daemon.SequenceEqual("pipe"u8) => "pipe",
        _ when daemon.SequenceEqual("error"u8) => "error",
        _ when daemon.SequenceEqual("smtpd"u8) => "smtpd",
        _ when daemon.SequenceEqual("cleanup"u8) => "cleanup",
        _ when daemon.SequenceEqual("postscreen"u8) => "postscreen",
        _ => Ascii.ToText(daemon),
    };

}
