namespace Postmeter.Core.Tracking;

/// <summary>
/// Saves a tracker's state a piece at a time, so that a commit costs what changed since the last one rather than
/// the whole mail queue: the snapshot without its messages (small), the messages that changed or appeared, and the
/// ids of those the state no longer refers to. The first save after construction carries every message and replaces
/// whatever was saved before, so a process that restored its tracker from a save (pieces, or a whole blob written
/// before schema 3) never depends on what it did not write itself.
/// </summary>
public sealed class IncrementalTrackerState
{
    // Reused from one save to the next: with thousands of messages in flight each is large enough to be costly to collect.
    private readonly List<TrackedMessage> _referenced = [];
    private readonly HashSet<TrackedMessage> _seen = new(ReferenceEqualityComparer.Instance);
    private Dictionary<long, long> _saved = [];
    private Dictionary<long, long> _next = [];
    private bool _savedBefore;

    /// <summary>What to save now, and remembers it as saved.</summary>
    public TrackerStateChanges Take(MessageTracker tracker) => Take(tracker, handOver: null, partRows: 0);

    /// <summary>
    /// What to save now, and remembers it as saved; the changed messages go to <paramref name="handOver"/> in parts of
    /// <paramref name="partRows"/> as they are encoded (to be saved in that order, before the returned rest), so that a
    /// save of a large mail queue is never held whole.
    /// </summary>
    public TrackerStateChanges Take(MessageTracker tracker, Action<TrackerMessageRows>? handOver, int partRows)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        tracker.ReferencedMessages(_referenced, _seen);
        var next = _next;
        next.Clear();
        var replaceAll = !_savedBefore;
        var changed = new List<(long Id, byte[] State)>();
        foreach (var message in _referenced)
        {
            var fingerprint = MessageFingerprint.Of(message);
            next[message.StateId] = fingerprint;
            if (!_savedBefore || !_saved.TryGetValue(message.StateId, out var saved) || saved != fingerprint)
            {
                Changed(TrackedMessageState.Of(message));
            }
        }

        foreach (var packed in tracker.PackedMessages)
        {
            var header = PackedMessage.ReadHeader(packed);
            next[header.StateId] = header.Fingerprint;
            if (!_savedBefore || !_saved.TryGetValue(header.StateId, out var saved) || saved != header.Fingerprint)
            {
                Changed(TrackedMessageState.Of(tracker.Unpacked(packed)));
            }
        }

        // Held between saves, the references would keep messages alive that were packed since.
        _referenced.Clear();
        _seen.Clear();

        void Changed(TrackerSnapshot.MessageState state)
        {
            changed.Add((state.Id, TrackerSnapshot.MessageToBytes(state)));
            if (handOver is not null && changed.Count == partRows)
            {
                handOver(new TrackerMessageRows(changed, [], replaceAll));
                changed = [];
                replaceAll = false;
            }
        }

        var removed = _savedBefore ? _saved.Keys.Where(id => !next.ContainsKey(id)).ToList() : [];
        var changes = new TrackerStateChanges(
            tracker.Snapshot(includeMessages: false).ToBytes(), new TrackerMessageRows(changed, removed, replaceAll));
        (_saved, _next) = (next, _saved);
        _savedBefore = true;
        return changes;
    }
}
