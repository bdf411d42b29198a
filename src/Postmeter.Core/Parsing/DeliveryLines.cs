namespace Postmeter.Core.Parsing;

/// <summary>
/// <c>to=&lt;r&gt;, [orig_to=&lt;o&gt;, ]relay=R, [conn_use=N, ]delay=D, delays=a/b/c/d, [tls=T, ]dsn=X.Y.Z, status=S (text)</c>,
/// written by every delivery agent through the same Postfix routine. Unknown fields are skipped, so the Postfix 3.11
/// <c>tls=</c> field and future additions do not break it.
/// </summary>
internal static class DeliveryLines
{
    public static void Parse(ReadOnlySpan<byte> rest, ref PostfixEvent e)
    {
        // The recipient may contain ", " inside quotes; its end is the ">, " that precedes the next field.
        var end = rest.IndexOf(">, "u8);
        if (end < 4)
        {
            return;
        }

        e.Address = rest[4..end];
        rest = rest[(end + 3)..];
        var statusSeen = false;
        while (!rest.IsEmpty)
        {
            if (rest.StartsWith("status="u8))
            {
                ParseStatus(rest[7..], ref e);
                statusSeen = true;
                break;
            }

            if (rest.StartsWith("orig_to=<"u8))
            {
                var close = rest.IndexOf(">, "u8);
                if (close < 0)
                {
                    return;
                }

                e.OrigTo = rest[9..close];
                rest = rest[(close + 3)..];
                continue;
            }

            var comma = rest.IndexOf(", "u8);
            var field = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 2)..];
            var eq = field.IndexOf((byte)'=');
            if (eq <= 0)
            {
                continue;
            }

            var key = field[..eq];
            var value = field[(eq + 1)..];
            if (key.SequenceEqual("relay"u8))
            {
                e.Relay = value;
            }
            else if (key.SequenceEqual("delay"u8))
            {
                _ = Ascii.TryParseDouble(value, out e.Delay);
            }
            else if (key.SequenceEqual("dsn"u8))
            {
                e.Dsn = value;
            }
            else if (key.SequenceEqual("tls"u8))
            {
                e.Tls = value;
            }
        }

        if (statusSeen)
        {
            e.Kind = PostfixEventKind.Delivery;
        }
    }

    private static void ParseStatus(ReadOnlySpan<byte> s, ref PostfixEvent e)
    {
        var space = s.IndexOf((byte)' ');
        var word = space < 0 ? s : s[..space];
        e.Status = word switch
        {
            _ when word.SequenceEqual("sent"u8) => DeliveryStatus.Sent,
            _ when word.SequenceEqual("deferred"u8) => DeliveryStatus.Deferred,
            _ when word.SequenceEqual("bounced"u8) => DeliveryStatus.Bounced,
            _ when word.SequenceEqual("SOFTBOUNCE"u8) => DeliveryStatus.SoftBounce,
            _ when word.SequenceEqual("deliverable"u8) => DeliveryStatus.Deliverable,
            _ when word.SequenceEqual("undeliverable"u8) || word.SequenceEqual("undeliverable-but-not-cached"u8) => DeliveryStatus.Undeliverable,
            _ => DeliveryStatus.Unknown,
        };
        if (space < 0)
        {
            return;
        }

        var text = s[(space + 1)..];
        if (text.Length >= 2 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1];
        }

        e.Text = text;
    }

    /// <summary>smtp/lmtp lines about a delivery in progress that are not its result.</summary>
    public static bool IsRemark(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("host "u8) || rest.StartsWith("lost connection with"u8) || rest.StartsWith("conversation with"u8)
        || rest.StartsWith("enabling PIX"u8) || rest.StartsWith("connect to"u8) || rest.StartsWith("breaking line"u8)
        || rest.IndexOf("TLS connection established"u8) >= 0;
}
