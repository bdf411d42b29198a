namespace Postmeter.Core.Parsing;

/// <summary>Parses <c>host prog[pid]: text</c>, the part of a syslog line after its timestamp.</summary>
internal static class SyslogHeader
{
    public static bool TryParse(ReadOnlySpan<byte> rest, ref Envelope envelope)
    {
        rest = rest.TrimStart((byte)' ');
        var hostEnd = rest.IndexOf((byte)' ');
        if (hostEnd <= 0)
        {
            return false;
        }

        envelope.Host = rest[..hostEnd];
        rest = rest[(hostEnd + 1)..];

        var tagEnd = rest.IndexOfAny((byte)'[', (byte)':', (byte)' ');
        if (tagEnd <= 0)
        {
            return false;
        }

        var tag = rest[..tagEnd];
        envelope.Pid = 0;
        if (rest[tagEnd] == '[')
        {
            var close = rest[tagEnd..].IndexOf((byte)']');
            if (close < 0 || !Ascii.TryParseInt(rest.Slice(tagEnd + 1, close - 1), out envelope.Pid))
            {
                return false;
            }

            rest = rest[(tagEnd + close + 1)..];
        }
        else
        {
            rest = rest[tagEnd..];
        }

        if (rest.Length == 0 || rest[0] != ':')
        {
            return false;
        }

        envelope.Text = rest.Length > 1 && rest[1] == ' ' ? rest[2..] : rest[1..];
        SetProgram(tag, ref envelope);
        return true;
    }

    public static void SetProgram(ReadOnlySpan<byte> tag, ref Envelope envelope)
    {
        envelope.Program = tag;
        var firstSlash = tag.IndexOf((byte)'/');
        var lastSlash = tag.LastIndexOf((byte)'/');
        envelope.Instance = firstSlash < 0 ? tag : tag[..firstSlash];
        envelope.Daemon = lastSlash < 0 ? tag : tag[(lastSlash + 1)..];
    }
}
