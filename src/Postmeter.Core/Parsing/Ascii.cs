using System.Buffers.Text;
using System.Text;

namespace Postmeter.Core.Parsing;

/// <summary>Small helpers over UTF-8 byte spans; the parsers never decode whole lines.</summary>
internal static class Ascii
{
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool TryTwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if ((uint)(at + 1) >= (uint)s.Length || !IsDigit(s[at]) || !IsDigit(s[at + 1]))
        {
            return false;
        }

        value = ((s[at] - '0') * 10) + (s[at + 1] - '0');
        return true;
    }

    public static bool TryParseInt(ReadOnlySpan<byte> s, out int value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;

    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;

    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;

    /// <summary>Text between <paramref name="prefix"/> and the next <paramref name="end"/>; advances <paramref name="rest"/> past it.</summary>
    public static bool TryTake(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> prefix, byte end, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!rest.StartsWith(prefix))
        {
            return false;
        }

        var tail = rest[prefix.Length..];
        var stop = tail.IndexOf(end);
        if (stop < 0)
        {
            return false;
        }

        value = tail[..stop];
        rest = tail[(stop + 1)..];
        return true;
    }

    /// <summary>A value of <c>key=&lt;value&gt;</c>; the closing bracket is the last one before <paramref name="terminator"/>.</summary>
    public static bool TryTakeBracketed(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> key, ReadOnlySpan<byte> terminator, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!rest.StartsWith(key))
        {
            return false;
        }

        var tail = rest[key.Length..];
        var stop = tail.IndexOf(terminator);
        if (stop < 0)
        {
            return false;
        }

        value = tail[..stop];
        rest = tail[(stop + terminator.Length)..];
        return true;
    }

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        var end = s.Length;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\r' || s[end - 1] == '\n' || s[end - 1] == '\t' || s[end - 1] == 0))
        {
            end--;
        }

        return s[..end];
    }

    public static string ToText(ReadOnlySpan<byte> s) => s.IsEmpty ? string.Empty : Encoding.UTF8.GetString(s);

    public static string? ToTextOrNull(ReadOnlySpan<byte> s) => s.IsEmpty ? null : Encoding.UTF8.GetString(s);

    /// <summary>Splits <c>host[ip]</c> (the ip may itself contain colons, IPv6) into its parts.</summary>
    public static bool TrySplitHostIp(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> host, out ReadOnlySpan<byte> ip)
    {
        host = default;
        ip = default;
        var open = s.IndexOf((byte)'[');
        if (open < 0 || s.Length == 0 || s[^1] != ']')
        {
            return false;
        }

        host = s[..open];
        ip = s[(open + 1)..^1];
        return true;
    }
}
