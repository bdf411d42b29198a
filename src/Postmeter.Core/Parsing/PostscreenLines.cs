namespace Postmeter.Core.Parsing;

/// <summary>
/// postscreen (<c>CONNECT from [ip]:port</c>, <c>PASS NEW [ip]:port</c>, <c>DNSBL rank N for [ip]:port</c>, <c>PREGREET</c>,
/// <c>HANGUP</c>, <c>DISCONNECT</c>, allow/deny lists, <c>NOQUEUE: reject: RCPT from [ip]:port: …</c>) and dnsblog
/// (<c>addr IP listed by domain D as A</c>).
/// </summary>
internal static class PostscreenLines
{
    private static readonly byte[][] Keywords =
    [
        "CONNECT"u8.ToArray(), "PASS NEW"u8.ToArray(), "PASS OLD"u8.ToArray(), "DNSBL rank"u8.ToArray(),
        "PREGREET"u8.ToArray(), "HANGUP"u8.ToArray(), "DISCONNECT"u8.ToArray(), "COMMAND PIPELINING"u8.ToArray(),
        "COMMAND TIME LIMIT"u8.ToArray(), "COMMAND COUNT LIMIT"u8.ToArray(), "COMMAND LENGTH LIMIT"u8.ToArray(),
        "NON-SMTP COMMAND"u8.ToArray(), "BARE NEWLINE"u8.ToArray(), "ALLOWLISTED"u8.ToArray(), "DENYLISTED"u8.ToArray(),
        "WHITELISTED"u8.ToArray(), "BLACKLISTED"u8.ToArray(), "ALLOWLIST VETO"u8.ToArray(), "WHITELIST VETO"u8.ToArray(),
        "PASS"u8.ToArray(), "cache"u8.ToArray(), "addr "u8.ToArray(),
    ];

    public static void Parse(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (text.StartsWith("NOQUEUE: "u8))
        {
            _ = AccessAction.TryParse(text[9..], ref e);
            return;
        }

        foreach (var keyword in Keywords)
        {
            if (text.StartsWith(keyword))
            {
                e.Kind = PostfixEventKind.Postscreen;
                e.Action = keyword;
                e.Text = text;
                var open = text.IndexOf((byte)'[');
                var close = open < 0 ? -1 : text[open..].IndexOf((byte)']');
                if (close > 1)
                {
                    e.ClientIp = text.Slice(open + 1, close - 1);
                }

                return;
            }
        }
    }
}
