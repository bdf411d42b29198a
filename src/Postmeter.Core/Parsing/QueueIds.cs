using Postmeter.Core.Tracking;

namespace Postmeter.Core.Parsing;

/// <summary>Recognises Postfix queue ids: short (upper-case hex) and long (<c>enable_long_queue_ids</c>, a vowel-free base-52 alphabet).</summary>
internal static class QueueIds
{
    /// <summary>If <paramref name="text"/> starts with <c>QID: </c>, returns the id and the text after it.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> queueId, out ReadOnlySpan<byte> rest)
    {
        queueId = default;
        rest = default;
        var colon = text.IndexOf((byte)':');
        if (colon is < 5 or > QueueKey.MaxLength || colon + 1 >= text.Length || text[colon + 1] != ' ')
        {
            return false;
        }

        var candidate = text[..colon];
        if (!IsQueueId(candidate))
        {
            return false;
        }

        queueId = candidate;
        rest = text[(colon + 2)..];
        return true;
    }

    public static bool IsQueueId(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5 || s.Length > QueueKey.MaxLength)
        {
            return false;
        }

        var hex = true;
        var longForm = s.Length >= 10;
        foreach (var b in s)
        {
            var digit = Ascii.IsDigit(b);
            var upper = (uint)(b - 'A') <= 'Z' - 'A';
            var lower = (uint)(b - 'a') <= 'z' - 'a';
            hex &= digit || (uint)(b - 'A') <= 'F' - 'A';
            longForm &= digit || (upper && !IsVowel((byte)(b | 0x20))) || (lower && !IsVowel(b));
            if (!hex && !longForm)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVowel(byte lower) => lower is (byte)'a' or (byte)'e' or (byte)'i' or (byte)'o' or (byte)'u';
}
