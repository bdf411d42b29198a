namespace Postmeter.Core.Tracking;

/// <summary>
/// Saves a tracker's state a piece at a time, so that a commit costs what changed since the last one rather than
/// the whole mail queue: the snapshot without its messages (small), the messages that changed or appeared, and the
/// ids of those the state no longer refers to. The first save after construction (or after a restore that did not
/// come from saved pieces) carries every message and replaces whatever was saved before.
/// </summary>
public sealed class IncrementalTrackerState
{
    private Dictionary<long, MessageFingerprint> _saved = [];
    private bool _seeded;

    /// <summary>
    /// The tracker was just restored from the pieces saved last (header and message rows): they are what it holds,
    /// so the next save carries only what changes from here.
    /// </summary>
    public void Seed(MessageTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _saved = tracker.ReferencedMessages().ToDictionary(m => m.StateId, MessageFingerprint.Of);
        _seeded = true;
    }

    /// <summary>What to save now, and remembers it as saved.</summary>
    public TrackerStateChanges Take(MessageTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var referenced = tracker.ReferencedMessages();
        var next = new Dictionary<long, MessageFingerprint>(referenced.Count);
        var changed = new List<(long Id, byte[] State)>();
        foreach (var message in referenced)
        {
            if (_seeded && _saved.TryGetValue(message.StateId, out var saved) && saved.Matches(message))
            {
                next[message.StateId] = saved;
            }
            else
            {
                next[message.StateId] = MessageFingerprint.Of(message);
                changed.Add((message.StateId, TrackerSnapshot.MessageToBytes(MessageTracker.ToState(message))));
            }
        }

        var removed = _seeded ? _saved.Keys.Where(id => !next.ContainsKey(id)).ToList() : [];
        var changes = new TrackerStateChanges(tracker.Snapshot(includeMessages: false).ToBytes(), changed, removed, ReplaceAll: !_seeded);
        _saved = next;
        _seeded = true;
        return changes;
    }
}

/// <summary>
/// One save of <see cref="IncrementalTrackerState"/>: the header (<see cref="TrackerSnapshot.ToBytes"/> without
/// messages), the messages to write (by id), the ids to delete, and whether every message saved before goes first.
/// </summary>
public sealed record TrackerStateChanges(byte[] Header, IReadOnlyList<(long Id, byte[] State)> Changed, IReadOnlyList<long> Removed, bool ReplaceAll);
