namespace Postmeter.Core.Parsing;

/// <summary>
/// qmgr: <c>QID: from=&lt;s&gt;, size=N, nrcpt=M (queue active)</c>, <c>QID: removed</c>,
/// <c>QID: from=&lt;s&gt;, status=expired, returned to sender</c> (or <c>force-expired</c>).
/// </summary>
internal static class QmgrLines
{
    public static void Parse(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (!QueueIds.TrySplit(text, out var queueId, out var rest))
        {
            return;
        }

        e.QueueId = queueId;
        if (rest.SequenceEqual("removed"u8))
        {
            e.Kind = PostfixEventKind.Removed;
            return;
        }

        if (rest.StartsWith("skipped"u8))
        {
            e.Kind = PostfixEventKind.QueueAdmin;
            e.Text = rest;
            return;
        }

        if (!rest.StartsWith("from=<"u8))
        {
            e.QueueId = default;
            return;
        }

        var close = rest.IndexOf(">, "u8);
        if (close < 0)
        {
            e.QueueId = default;
            return;
        }

        e.Address = rest[6..close];
        var fields = rest[(close + 3)..];
        if (fields.StartsWith("status="u8))
        {
            var status = fields[7..];
            if (status.StartsWith("expired"u8) || status.StartsWith("force-expired"u8))
            {
                e.Kind = PostfixEventKind.Expired;
                var comma = status.IndexOf(", "u8);
                e.Action = comma < 0 ? status : status[..comma];
                e.Text = comma < 0 ? default : status[(comma + 2)..];
            }

            return;
        }

        while (!fields.IsEmpty)
        {
            var comma = fields.IndexOf(", "u8);
            var field = comma < 0 ? fields : fields[..comma];
            fields = comma < 0 ? default : fields[(comma + 2)..];
            if (field.StartsWith("size="u8))
            {
                _ = Ascii.TryParseLong(field[5..], out e.Size);
            }
            else if (field.StartsWith("nrcpt="u8))
            {
                var value = field[6..];
                var space = value.IndexOf((byte)' ');
                _ = Ascii.TryParseInt(space < 0 ? value : value[..space], out e.RecipientCount);
                e.Kind = PostfixEventKind.QueueActive;
            }
        }
    }
}
