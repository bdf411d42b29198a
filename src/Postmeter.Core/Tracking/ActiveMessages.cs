namespace Postmeter.Core.Tracking;

/// <summary>
/// The messages in flight by queue key. Those not looked up for a whole round (<see cref="EndRound"/>, every
/// <see cref="TrackerOptions.PackIdleAfterLines"/> lines) and that nothing refers to are packed
/// (<see cref="PackedMessage"/>) and unpacked when a line names them again: a deferred queue of a million messages
/// waits in a fraction of the memory, while the few messages a burst of lines is about stay objects.
/// </summary>
internal sealed class ActiveMessages(ScopeTable scopes, StringCache strings)
{
    private readonly Dictionary<QueueKey, TrackedMessage> _hot = [];
    private readonly Dictionary<QueueKey, byte[]> _packed = [];
    private readonly PackedMessage _codec = new(strings);
    private readonly List<QueueKey> _idle = [];
    private int _round;

    public int Count => _hot.Count + _packed.Count;

    /// <summary>How many are packed now.</summary>
    public int PackedCount => _packed.Count;

    /// <summary>The messages that are objects now (the rest are packed: <see cref="Packed"/>).</summary>
    public Dictionary<QueueKey, TrackedMessage>.ValueCollection Hot => _hot.Values;

    public Dictionary<QueueKey, byte[]> Packed => _packed;

    /// <summary>The message in flight under this key, unpacked if it was packed.</summary>
    public bool TryGet(QueueKey key, out TrackedMessage message)
    {
        if (_hot.TryGetValue(key, out message!))
        {
            message.TouchedInRound = _round;
            return true;
        }

        if (!_packed.Remove(key, out var packed))
        {
            return false;
        }

        message = Unpack(key, packed);
        message.TouchedInRound = _round;
        _hot[key] = message;
        return true;
    }

    public void Add(QueueKey key, TrackedMessage message)
    {
        message.TouchedInRound = _round;
        _packed.Remove(key);
        _hot[key] = message;
    }

    /// <summary>Takes the message out of flight, unpacked if it was packed.</summary>
    public bool Remove(QueueKey key, out TrackedMessage message)
    {
        if (_hot.Remove(key, out message!))
        {
            return true;
        }

        if (!_packed.Remove(key, out var packed))
        {
            return false;
        }

        message = Unpack(key, packed);
        return true;
    }

    /// <summary>Takes the message out of flight without unpacking it.</summary>
    public void Forget(QueueKey key)
    {
        _hot.Remove(key);
        _packed.Remove(key);
    }

    public void Clear()
    {
        _hot.Clear();
        _hot.TrimExcess();
        _packed.Clear();
        _packed.TrimExcess();
    }

    /// <summary>A packed message as an object, for a save or a snapshot; it stays packed.</summary>
    public TrackedMessage Unpack(QueueKey key, byte[] packed) =>
        _codec.Unpack(packed, scopes.HostOf(key.Scope), scopes.InstanceOf(key.Scope), key.QueueIdText());

    /// <summary>Every message's saved-state id.</summary>
    public IEnumerable<long> StateIds()
    {
        foreach (var message in _hot.Values)
        {
            yield return message.StateId;
        }

        foreach (var packed in _packed.Values)
        {
            yield return PackedMessage.ReadHeader(packed).StateId;
        }
    }

    /// <summary>Ends a round: packs the messages no line named during it, when nothing refers to them.</summary>
    public void EndRound()
    {
        Span<char> queueId = stackalloc char[QueueKey.MaxLength];
        _idle.Clear();
        foreach (var (key, message) in _hot)
        {
            if (message.TouchedInRound != _round && PackedMessage.CanPack(message, queueId[..key.QueueIdText(queueId)]))
            {
                _idle.Add(key);
            }
        }

        foreach (var key in _idle)
        {
            _hot.Remove(key, out var message);
            _packed[key] = _codec.Pack(message!);
        }

        _idle.Clear();
        _round++;
    }

    /// <summary>The keys of the messages last seen before <paramref name="silentSince"/> (all of them with <see cref="DateTime.MaxValue"/>), oldest first.</summary>
    public Aged[] SilentSince(DateTime silentSince)
    {
        var silent = 0;
        foreach (var message in _hot.Values)
        {
            silent += message.LastSeen < silentSince ? 1 : 0;
        }

        foreach (var packed in _packed.Values)
        {
            silent += PackedMessage.ReadHeader(packed).LastSeen < silentSince ? 1 : 0;
        }

        // Sized once: at the end of the input this holds every message in flight.
        var aged = new Aged[silent];
        var at = 0;
        foreach (var (key, message) in _hot)
        {
            if (message.LastSeen < silentSince)
            {
                aged[at++] = new Aged(key, message.FirstSeen, message);
            }
        }

        foreach (var (key, packed) in _packed)
        {
            var header = PackedMessage.ReadHeader(packed);
            if (header.LastSeen < silentSince)
            {
                aged[at++] = new Aged(key, header.FirstSeen, null);
            }
        }

        // In a stable order (not the dictionaries'), so a tracker restored from a snapshot ends them the same way.
        Array.Sort(aged, CompareAge);
        return aged;
    }

    /// <summary><see cref="MessageAge.Compare"/> for hot and packed messages alike (a packed one's queue id is its key's).</summary>
    private int CompareAge(Aged a, Aged b)
    {
        var order = a.FirstSeen.CompareTo(b.FirstSeen);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(scopes.HostOf(a.Key.Scope), scopes.HostOf(b.Key.Scope));
        order = order != 0 ? order : string.CompareOrdinal(scopes.InstanceOf(a.Key.Scope), scopes.InstanceOf(b.Key.Scope));
        if (order != 0)
        {
            return order;
        }

        return a.Hot is not null && b.Hot is not null
            ? string.CompareOrdinal(a.Hot.QueueId, b.Hot.QueueId)
            : CompareQueueIds(a, b);
    }

    private static int CompareQueueIds(Aged a, Aged b)
    {
        Span<char> left = stackalloc char[QueueKey.MaxLength];
        Span<char> right = stackalloc char[QueueKey.MaxLength];
        var l = a.Hot is not null ? a.Hot.QueueId.AsSpan() : left[..a.Key.QueueIdText(left)];
        var r = b.Hot is not null ? b.Hot.QueueId.AsSpan() : right[..b.Key.QueueIdText(right)];
        return l.SequenceCompareTo(r);
    }

    /// <summary>A message in flight with what orders it by age.</summary>
    public readonly record struct Aged(QueueKey Key, DateTime FirstSeen, TrackedMessage? Hot);
}
