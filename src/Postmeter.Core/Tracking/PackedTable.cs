namespace Postmeter.Core.Tracking;

/// <summary>
/// The packed messages in flight, found by the key each one starts with (<see cref="PackedMessage.ReadKey"/>): an
/// open-addressing table of array references, 8 bytes a slot at most 70 % full, where a dictionary would add a
/// 40-byte entry (hash, link, key, value) and its slack to every message of a large queue.
/// </summary>
internal sealed class PackedTable
{
    private const int MinimumCapacity = 16;

    private byte[]?[] _slots = new byte[]?[MinimumCapacity];

    public int Count { get; private set; }

    /// <summary>Files a packed message under its key, replacing one filed under the same key.</summary>
    public void Set(byte[] packed)
    {
        if ((Count + 1) * 10 > _slots.Length * 7)
        {
            Resize(_slots.Length * 2);
        }

        var key = PackedMessage.ReadKey(packed);
        for (var i = Home(key, _slots.Length); ; i = Next(i))
        {
            if (_slots[i] is not { } held)
            {
                _slots[i] = packed;
                Count++;
                return;
            }

            if (PackedMessage.ReadKey(held) == key)
            {
                _slots[i] = packed;
                return;
            }
        }
    }

    public bool Remove(QueueKey key, out byte[] packed)
    {
        for (var i = Home(key, _slots.Length); _slots[i] is { } held; i = Next(i))
        {
            if (PackedMessage.ReadKey(held) == key)
            {
                packed = held;
                RemoveAt(i);
                return true;
            }
        }

        packed = null!;
        return false;
    }

    public void Clear()
    {
        _slots = new byte[]?[MinimumCapacity];
        Count = 0;
    }

    /// <summary>Every packed message, in no particular order; the table must not change meanwhile.</summary>
    public IEnumerable<byte[]> All()
    {
        foreach (var packed in _slots)
        {
            if (packed is not null)
            {
                yield return packed;
            }
        }
    }

    // Linear probing: the entries after a removed one are moved back so that every entry stays reachable from its home.
    private void RemoveAt(int hole)
    {
        _slots[hole] = null;
        Count--;
        for (var i = Next(hole); _slots[i] is { } moving; i = Next(i))
        {
            var home = Home(PackedMessage.ReadKey(moving), _slots.Length);
            var reachableFromHole = hole <= i ? home <= hole || home > i : home <= hole && home > i;
            if (reachableFromHole)
            {
                _slots[hole] = moving;
                _slots[i] = null;
                hole = i;
            }
        }

        if (_slots.Length > MinimumCapacity && Count * 10 < _slots.Length)
        {
            Resize(_slots.Length / 2);
        }
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = new byte[]?[capacity];
        foreach (var packed in old)
        {
            if (packed is not null)
            {
                var i = Home(PackedMessage.ReadKey(packed), capacity);
                while (_slots[i] is not null)
                {
                    i = Next(i);
                }

                _slots[i] = packed;
            }
        }
    }

    private int Next(int i) => (i + 1) & (_slots.Length - 1);

    // Fibonacci hashing: the top bits of the product, so that keys differing only in a few bits still spread.
    private static int Home(QueueKey key, int capacity) =>
        (int)(((uint)key.GetHashCode() * 2654435769u) >> (32 - System.Numerics.BitOperations.Log2((uint)capacity)));
}
