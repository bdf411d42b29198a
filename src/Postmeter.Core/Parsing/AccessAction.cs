namespace Postmeter.Core.Parsing;

/// <summary>
/// smtpd/postscreen access decisions and milter decisions:
/// <c>ACTION: STAGE from host[ip]: REPLY; from=&lt;s&gt; to=&lt;r&gt; proto=P helo=&lt;h&gt;</c>
/// (postscreen separates the trailing fields with commas).
/// </summary>
internal static class AccessAction
{
    public static bool TryParse(ReadOnlySpan<byte> rest, ref PostfixEvent e)
    {
        var colon = rest.IndexOf(": "u8);
        if (colon <= 0)
        {
            return false;
        }

        var action = rest[..colon];
        var kind = KindOf(action);
        if (kind == PostfixEventKind.Unsupported)
        {
            return false;
        }

        var body = rest[(colon + 2)..];
        var from = body.IndexOf(" from "u8);
        if (from <= 0)
        {
            return false;
        }

        e.Stage = body[..from];
        var afterFrom = body[(from + 6)..];
        var clientEnd = afterFrom.IndexOf(": "u8);
        if (clientEnd <= 0)
        {
            return false;
        }

        SetClient(afterFrom[..clientEnd], ref e);
        var reply = afterFrom[(clientEnd + 2)..];
        var fieldsAt = reply.LastIndexOf("; from=<"u8);
        if (fieldsAt < 0)
        {
            fieldsAt = reply.LastIndexOf("; proto="u8);
        }

        var fields = fieldsAt < 0 ? default : reply[(fieldsAt + 2)..];
        if (fieldsAt >= 0)
        {
            reply = reply[..fieldsAt];
        }

        SplitReply(reply, ref e);
        Angle.TryFind(fields, "from=<"u8, out e.Sender);
        Angle.TryFind(fields, "to=<"u8, out e.Address);
        Angle.TryFind(fields, "helo=<"u8, out e.Helo);
        e.Action = action;
        e.Kind = kind;
        return true;
    }

    internal static PostfixEventKind KindOf(ReadOnlySpan<byte> action) => action switch
    {
        _ when action.SequenceEqual("reject"u8) || action.SequenceEqual("milter-reject"u8) => PostfixEventKind.Reject,
        _ when action.SequenceEqual("discard"u8) || action.SequenceEqual("milter-discard"u8) => PostfixEventKind.Discard,
        _ when action.SequenceEqual("hold"u8) || action.SequenceEqual("milter-hold"u8) => PostfixEventKind.Hold,
        _ when action.SequenceEqual("warn"u8) || action.SequenceEqual("warning"u8) || action.SequenceEqual("filter"u8)
            || action.SequenceEqual("redirect"u8) || action.SequenceEqual("info"u8) || action.SequenceEqual("replace"u8)
            || action.SequenceEqual("prepend"u8) || action.SequenceEqual("milter-redirect"u8) || action.SequenceEqual("bcc"u8)
            || action.SequenceEqual("milter-bcc"u8) || action.SequenceEqual("milter-replace"u8) => PostfixEventKind.PolicyAction,
        _ => PostfixEventKind.Unsupported,
    };

    /// <summary><c>550 5.1.1 text</c> → code, enhanced status and text; either number may be missing.</summary>
    internal static void SplitReply(ReadOnlySpan<byte> reply, ref PostfixEvent e)
    {
        if (reply.Length >= 3 && Ascii.IsDigit(reply[0]) && Ascii.IsDigit(reply[1]) && Ascii.IsDigit(reply[2])
            && (reply.Length == 3 || reply[3] == ' ' || reply[3] == '-'))
        {
            e.ReplyCode = reply[..3];
            reply = reply.Length > 4 ? reply[4..] : default;
        }

        var space = reply.IndexOf((byte)' ');
        var first = space < 0 ? reply : reply[..space];
        if (IsEnhancedStatus(first))
        {
            e.Dsn = first;
            reply = space < 0 ? default : reply[(space + 1)..];
        }

        e.Text = reply;
    }

    internal static bool IsEnhancedStatus(ReadOnlySpan<byte> s)
    {
        if (s.Length < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
        {
            return false;
        }

        var dots = 0;
        foreach (var b in s[2..])
        {
            if (b == '.')
            {
                dots++;
            }
            else if (!Ascii.IsDigit(b))
            {
                return false;
            }
        }

        return dots == 1 && s[^1] != '.';
    }

    /// <summary><c>host[ip]</c> from smtpd, <c>[ip]:port</c> from postscreen.</summary>
    internal static void SetClient(ReadOnlySpan<byte> client, ref PostfixEvent e)
    {
        if (Ascii.TrySplitHostIp(client, out e.ClientHost, out e.ClientIp))
        {
            return;
        }

        if (client.Length > 2 && client[0] == '[')
        {
            var close = client.IndexOf((byte)']');
            if (close > 1)
            {
                e.ClientIp = client[1..close];
            }
        }
    }
}
