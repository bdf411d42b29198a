using System.Diagnostics.CodeAnalysis;

namespace Postmeter.Core.Tracking;

/// <summary>
/// Shares equal strings decoded apart (hosts, senders, relays, replies of saved messages), like
/// <see cref="StringCache"/> does for bytes: a fixed table of slots where a newcomer replaces the previous occupant,
/// so memory stays fixed however many distinct values there are.
/// </summary>
internal sealed class StringInterner(int slots = 8192)
{
    private const int MaxInternedLength = 256;

    private readonly string?[] _slots = new string?[slots];

    [return: NotNullIfNotNull(nameof(value))]
    public string? Intern(string? value)
    {
        if (value is null || value.Length > MaxInternedLength)
        {
            return value;
        }

        var index = (int)((uint)string.GetHashCode(value.AsSpan()) % (uint)_slots.Length);
        if (_slots[index] is { } held && held == value)
        {
            return held;
        }

        _slots[index] = value;
        return value;
    }
}
