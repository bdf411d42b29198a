namespace Postmeter.Core.Parsing;

/// <summary>Reads <c>key=&lt;value&gt;</c> fields whose value ends at a <c>&gt;</c> followed by a separator or the end.</summary>
internal static class Angle
{
    public static bool TryFind(ReadOnlySpan<byte> s, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        var at = s.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var tail = s[(at + key.Length)..];
        for (var i = 0; i < tail.Length; i++)
        {
            if (tail[i] == '>' && (i + 1 == tail.Length || tail[i + 1] == ' ' || tail[i + 1] == ',' || tail[i + 1] == ';' || tail[i + 1] == ':'))
            {
                value = tail[..i];
                return true;
            }
        }

        return false;
    }
}
