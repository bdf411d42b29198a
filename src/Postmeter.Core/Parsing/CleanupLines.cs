namespace Postmeter.Core.Parsing;

/// <summary>
/// cleanup: <c>QID: message-id=&lt;id&gt;</c>; header/body check actions
/// <c>QID: reject: header Subject: … from host[ip]; from=&lt;s&gt; to=&lt;r&gt; proto=P helo=&lt;h&gt;: text</c>;
/// milter actions <c>QID: milter-reject: END-OF-MESSAGE from host[ip]: 5.7.1 text; from=… to=…</c>.
/// </summary>
internal static class CleanupLines
{
    public static void Parse(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (!QueueIds.TrySplit(text, out var queueId, out var rest))
        {
            return;
        }

        if (rest.StartsWith("message-id="u8))
        {
            e.Kind = PostfixEventKind.MessageId;
            e.QueueId = queueId;
            e.MessageId = MessageIdValue(rest[11..]);
            return;
        }

        if (rest.StartsWith("resent-message-id="u8))
        {
            e.Kind = PostfixEventKind.PolicyAction;
            e.Action = "resent-message-id"u8;
            e.QueueId = queueId;
            return;
        }

        if (rest.StartsWith("milter-"u8) ? AccessAction.TryParse(rest, ref e) : TryParseCheck(rest, ref e))
        {
            e.QueueId = queueId;
        }
    }

    /// <summary>The id without its angle brackets; a value with junk after <c>&gt;</c> keeps the bracketed part.</summary>
    internal static ReadOnlySpan<byte> MessageIdValue(ReadOnlySpan<byte> value)
    {
        if (value.Length > 0 && value[0] == '<')
        {
            var close = value.IndexOf((byte)'>');
            return close < 0 ? value[1..] : value[1..close];
        }

        return value;
    }

    private static bool TryParseCheck(ReadOnlySpan<byte> rest, ref PostfixEvent e)
    {
        var colon = rest.IndexOf(": "u8);
        if (colon <= 0)
        {
            return false;
        }

        var action = rest[..colon];
        var kind = AccessAction.KindOf(action);
        var body = rest[(colon + 2)..];
        if (kind == PostfixEventKind.Unsupported || !(body.StartsWith("header "u8) || body.StartsWith("body "u8)))
        {
            return false;
        }

        // The checked header is attacker text, so find the trailing fields from the right.
        var fieldsAt = body.LastIndexOf("; from=<"u8);
        if (fieldsAt < 0)
        {
            return false;
        }

        var what = body[..fieldsAt];
        var clientAt = what.LastIndexOf(" from "u8);
        if (clientAt > 0)
        {
            AccessAction.SetClient(what[(clientAt + 6)..], ref e);
            what = what[..clientAt];
        }

        var fields = body[(fieldsAt + 2)..];
        Angle.TryFind(fields, "from=<"u8, out e.Sender);
        Angle.TryFind(fields, "to=<"u8, out e.Address);
        Angle.TryFind(fields, "helo=<"u8, out e.Helo);
        var heloEnd = fields.IndexOf(">: "u8);
        if (heloEnd >= 0)
        {
            AccessAction.SplitReply(fields[(heloEnd + 3)..], ref e);
        }

        var space = what.IndexOf((byte)' ');
        e.Stage = space < 0 ? what : what[..space];
        e.Action = action;
        e.Kind = kind;
        return true;
    }
}
