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
    private readonly PackedTable _packed = new();
    private readonly PackedMessage _codec = new(strings);
    private readonly List<QueueKey> _idle = [];
    private int _round;

    public int Count => _hot.Count + _packed.Count;

    /// <summary>How many are packed now.</summary>
    public int PackedCount => _packed.Count;

    /// <summary>The messages that are objects now (the rest are packed: <see cref="Packed"/>).</summary>
    public Dictionary<QueueKey, TrackedMessage>.ValueCollection Hot => _hot.Values;

    /// <summary>The packed messages; the set must not change while they are enumerated.</summary>
    public IEnumerable<byte[]> Packed => _packed.All();

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

        message = Unpack(packed);
        message.TouchedInRound = _round;
        _hot[key] = message;
        return true;
    }

    public void Add(QueueKey key, TrackedMessage message)
    {
        message.TouchedInRound = _round;
        _packed.Remove(key, out _);
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

        message = Unpack(packed);
        return true;
    }

    /// <summary>Takes the message out of flight without unpacking it.</summary>
    public void Forget(QueueKey key)
    {
        _hot.Remove(key);
        _packed.Remove(key, out _);
    }

    public void Clear()
    {
        _hot.Clear();
        _hot.TrimExcess();
        _packed.Clear();
    }

    /// <summary>A packed message as an object, for a save or a snapshot; it stays packed.</summary>
    public TrackedMessage Unpack(byte[] packed) => _codec.Unpack(packed, scopes);

    /// <summary>Every message's saved-state id.</summary>
    public IEnumerable<long> StateIds()
    {
        foreach (var message in _hot.Values)
        {
            yield return message.StateId;
        }

        foreach (var packed in _packed.All())
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
            _packed.Set(_codec.Pack(message!, key));
        }

        _idle.Clear();
        _round++;
    }

    /// <summary>
    /// Takes out of flight every message last seen before <paramref name="silentSince"/> (all of them with
    /// <see cref="DateTime.MaxValue"/>) and hands each to <paramref name="end"/>, oldest first (a stable order, not the
    /// tables', so a tracker restored from a snapshot ends them the same way), unpacking one at a time.
    /// </summary>
    public void EndSilent(DateTime silentSince, Action<QueueKey, TrackedMessage> end)
    {
        var hot = new List<(QueueKey Key, TrackedMessage Message)>();
        foreach (var (key, message) in _hot)
        {
            if (message.LastSeen < silentSince)
            {
                hot.Add((key, message));
            }
        }

        hot.Sort((a, b) => MessageAge.Compare(a.Message, b.Message));
        var packed = SilentPacked(silentSince);
        var (h, p) = (0, 0);
        while (h < hot.Count || p < packed.Length)
        {
            if (p == packed.Length || (h < hot.Count && CompareAge(hot[h].Key, hot[h].Message, packed[p]) <= 0))
            {
                var (key, message) = hot[h++];
                _hot.Remove(key);
                end(key, message);
            }
            else
            {
                var key = PackedMessage.ReadKey(packed[p]);
                _packed.Remove(key, out _);
                var message = Unpack(packed[p]);
                packed[p++] = null!;
                end(key, message);
            }
        }
    }

    /// <summary>The packed messages last seen before <paramref name="silentSince"/>, oldest first, in one array sized once.</summary>
    private byte[][] SilentPacked(DateTime silentSince)
    {
        var silent = 0;
        foreach (var packed in _packed.All())
        {
            silent += PackedMessage.ReadHeader(packed).LastSeen < silentSince ? 1 : 0;
        }

        var found = new byte[silent][];
        var at = 0;
        foreach (var packed in _packed.All())
        {
            if (PackedMessage.ReadHeader(packed).LastSeen < silentSince)
            {
                found[at++] = packed;
            }
        }

        Array.Sort(found, ComparePacked);
        return found;
    }

    /// <summary><see cref="MessageAge.Compare"/> between two packed messages.</summary>
    private int ComparePacked(byte[] a, byte[] b)
    {
        var order = PackedMessage.ReadHeader(a).FirstSeen.CompareTo(PackedMessage.ReadHeader(b).FirstSeen);
        if (order != 0)
        {
            return order;
        }

        Span<char> left = stackalloc char[QueueKey.MaxLength];
        Span<char> right = stackalloc char[QueueKey.MaxLength];
        var (keyA, keyB) = (PackedMessage.ReadKey(a), PackedMessage.ReadKey(b));
        order = CompareScopes(keyA.Scope, keyB.Scope);
        return order != 0 ? order : left[..keyA.QueueIdText(left)].SequenceCompareTo(right[..keyB.QueueIdText(right)]);
    }

    /// <summary><see cref="MessageAge.Compare"/> between a message (filed under <paramref name="keyA"/>) and a packed one.</summary>
    private int CompareAge(QueueKey keyA, TrackedMessage a, byte[] b)
    {
        var order = a.FirstSeen.CompareTo(PackedMessage.ReadHeader(b).FirstSeen);
        if (order != 0)
        {
            return order;
        }

        var keyB = PackedMessage.ReadKey(b);
        order = CompareScopes(keyA.Scope, keyB.Scope);
        Span<char> queueId = stackalloc char[QueueKey.MaxLength];
        return order != 0 ? order : a.QueueId.AsSpan().SequenceCompareTo(queueId[..keyB.QueueIdText(queueId)]);
    }

    private int CompareScopes(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        var order = string.CompareOrdinal(scopes.HostOf(a), scopes.HostOf(b));
        return order != 0 ? order : string.CompareOrdinal(scopes.InstanceOf(a), scopes.InstanceOf(b));
    }
}
