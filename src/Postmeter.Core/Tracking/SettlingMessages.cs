namespace Postmeter.Core.Tracking;

/// <summary>
/// Messages that ended and wait out the settle time, because late lines may still belong to them, and their emission:
/// a message goes to the sink, with its hops folded in, once every queue of its hop tree has settled.
/// </summary>
internal sealed class SettlingMessages(ITrackingSink sink)
{
    // Ended messages a late line can still find by queue id (a queue id that came back replaces its entry).
    private readonly Dictionary<QueueKey, TrackedMessage> _recent = [];
    private readonly Queue<(QueueKey Key, TrackedMessage Message)> _waiting = new();

    public int Count => _waiting.Count;

    public IEnumerable<TrackedMessage> Recent => _recent.Values;

    /// <summary>The messages waiting to settle, oldest end first.</summary>
    public IEnumerable<TrackedMessage> Waiting => _waiting.Select(w => w.Message);

    public bool TryFindRecent(QueueKey key, out TrackedMessage message) => _recent.TryGetValue(key, out message!);

    /// <summary>A message ended: it stays findable for late lines and settles after the settle time.</summary>
    public void Finish(QueueKey key, TrackedMessage message, Completion completion, DateTime at)
    {
        message.Completion = completion;
        message.CompletedAt = at;
        _recent[key] = message;
        _waiting.Enqueue((key, message));
    }

    /// <summary>
    /// The input ended with the message still queued (<see cref="Completion.StillQueued"/> set): it settles at once,
    /// with no late line to wait for, and its hop tree is emitted unless it was.
    /// </summary>
    public void EmitStillQueued(TrackedMessage message)
    {
        message.Settled = true;
        var root = message;
        while (root.HopParent is not null)
        {
            root = root.HopParent;
        }

        if (!root.Emitted)
        {
            Emit(root);
        }
    }

    /// <summary>Settles every message that ended at or before <paramref name="settledBefore"/> and emits the trees that are whole.</summary>
    public void EmitSettled(DateTime settledBefore)
    {
        while (_waiting.TryPeek(out var head) && (head.Message.CompletedAt ?? DateTime.MinValue) <= settledBefore)
        {
            _waiting.Dequeue();
            if (_recent.TryGetValue(head.Key, out var current) && current == head.Message)
            {
                _recent.Remove(head.Key);
            }

            head.Message.Settled = true;
            var root = head.Message;
            while (root.HopParent is not null)
            {
                root = root.HopParent;
            }

            if (!root.Emitted && (settledBefore == DateTime.MaxValue || HopTree.IsSettled(root)))
            {
                Emit(root);
            }
        }
    }

    /// <summary>Emits a message ended outside the tracker (<see cref="InFlightEnding"/>), with its hops, unless it was emitted before.</summary>
    public void EmitEnded(TrackedMessage root)
    {
        if (!root.Emitted)
        {
            Emit(root);
        }
    }

    /// <summary>Puts back a recently ended message of a saved state.</summary>
    public void RestoreRecent(QueueKey key, TrackedMessage message) => _recent[key] = message;

    /// <summary>Puts back a waiting message of a saved state, in the saved order.</summary>
    public void RestoreWaiting(QueueKey key, TrackedMessage message) => _waiting.Enqueue((key, message));

    private void Emit(TrackedMessage root)
    {
        HopTree.Assemble(root);
        sink.OnMessage(root);
    }
}
