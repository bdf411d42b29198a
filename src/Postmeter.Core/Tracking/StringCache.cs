using System.Text;

namespace Postmeter.Core.Tracking;

/// <summary>
/// Turns repeated UTF-8 values (senders, recipients, relays, status codes, common replies) into shared strings
/// without a dictionary: a fixed table of slots indexed by a hash of the bytes, where a newcomer simply replaces
/// the previous occupant. Memory stays fixed however many distinct values the logs hold.
/// </summary>
internal sealed class StringCache(int slots = 8192)
{
    private const int MaxCachedLength = 256;

    private readonly (byte[] Key, string Value)?[] _slots = new (byte[], string)?[slots];

    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var index = (int)(Hash(bytes) % (uint)_slots.Length);
        if (_slots[index] is { } slot && bytes.SequenceEqual(slot.Key))
        {
            return slot.Value;
        }

        var value = Encoding.UTF8.GetString(bytes);
        _slots[index] = (bytes.ToArray(), value);
        return value;
    }

    public string? GetOrNull(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? null : Get(bytes);

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: short values, good enough spread, no allocation.
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
