namespace Postmeter.Core.Parsing;

/// <summary>smtpd: connections, the <c>client=</c> line that starts a message, access rejects and SASL failures.</summary>
internal static class SmtpdLines
{
    public static void Parse(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (text.StartsWith("connect from "u8))
        {
            SetClient(text[13..], ref e, PostfixEventKind.SmtpdConnect);
            return;
        }

        if (text.StartsWith("disconnect from "u8))
        {
            var client = text[16..];
            var space = client.IndexOf((byte)' ');
            e.Text = space < 0 ? default : client[(space + 1)..];
            SetClient(space < 0 ? client : client[..space], ref e, PostfixEventKind.SmtpdDisconnect);
            return;
        }

        if (text.StartsWith("lost connection after "u8) || text.StartsWith("timeout after "u8))
        {
            var stageAt = text.IndexOf("after "u8) + 6;
            var from = text.IndexOf(" from "u8);
            if (from >= stageAt)
            {
                e.Stage = text[stageAt..from];
                SetClient(text[(from + 6)..], ref e, PostfixEventKind.SmtpdLostConnection);
            }

            return;
        }

        if (text.StartsWith("warning: "u8))
        {
            if (!TryParseSaslFailure(text[9..], ref e))
            {
                _ = PostfixParser.TryParseSeverity(text, ref e);
            }

            return;
        }

        if (text.IndexOf("TLS connection established"u8) >= 0)
        {
            e.Kind = PostfixEventKind.TlsConnection;
            e.Text = text;
            return;
        }

        ReadOnlySpan<byte> queueId = default;
        ReadOnlySpan<byte> rest;
        if (text.StartsWith("NOQUEUE: "u8))
        {
            rest = text[9..];
        }
        else if (!QueueIds.TrySplit(text, out queueId, out rest))
        {
            return;
        }

        if (rest.StartsWith("client="u8))
        {
            ParseClient(rest[7..], ref e);
            e.QueueId = queueId;
            return;
        }

        if (AccessAction.TryParse(rest, ref e))
        {
            e.QueueId = queueId;
        }
    }

    private static void ParseClient(ReadOnlySpan<byte> rest, ref PostfixEvent e)
    {
        var comma = rest.IndexOf(", "u8);
        var client = comma < 0 ? rest : rest[..comma];
        if (!Ascii.TrySplitHostIp(client, out e.ClientHost, out e.ClientIp))
        {
            return;
        }

        e.Kind = PostfixEventKind.SmtpdClient;
        var fields = comma < 0 ? default : rest[(comma + 2)..];
        while (!fields.IsEmpty)
        {
            var next = fields.IndexOf(", "u8);
            var field = next < 0 ? fields : fields[..next];
            fields = next < 0 ? default : fields[(next + 2)..];
            if (field.StartsWith("sasl_method="u8))
            {
                e.SaslMethod = field[12..];
            }
            else if (field.StartsWith("sasl_username="u8))
            {
                e.SaslUsername = field[14..];
            }
        }
    }

    /// <summary><c>host[ip]: SASL LOGIN authentication failed: reason[, sasl_username=user]</c>.</summary>
    private static bool TryParseSaslFailure(ReadOnlySpan<byte> rest, ref PostfixEvent e)
    {
        var sasl = rest.IndexOf("]: SASL "u8);
        if (sasl < 0)
        {
            return false;
        }

        var afterSasl = rest[(sasl + 8)..];
        var failed = afterSasl.IndexOf(" authentication failed"u8);
        if (failed < 0 || !Ascii.TrySplitHostIp(rest[..(sasl + 1)], out e.ClientHost, out e.ClientIp))
        {
            return false;
        }

        e.Kind = PostfixEventKind.SaslFailure;
        e.SaslMethod = afterSasl[..failed];
        var reason = afterSasl[(failed + 22)..];
        if (reason.StartsWith(": "u8))
        {
            reason = reason[2..];
        }

        var user = reason.LastIndexOf(", sasl_username="u8);
        if (user >= 0)
        {
            e.SaslUsername = reason[(user + 16)..];
            reason = reason[..user];
        }

        e.Text = reason;
        return true;
    }

    internal static void SetClient(ReadOnlySpan<byte> client, ref PostfixEvent e, PostfixEventKind kind)
    {
        if (Ascii.TrySplitHostIp(client, out e.ClientHost, out e.ClientIp))
        {
            e.Kind = kind;
        }
    }
}
