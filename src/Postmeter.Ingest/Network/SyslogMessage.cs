namespace Postmeter.Ingest.Network;

/// <summary>
/// Turns a syslog message as it travels (RFC 3164 or RFC 5424, with its <c>&lt;PRI&gt;</c>) into the line a syslog
/// daemon would have written to <c>mail.log</c>, which the envelope parser reads like any other:
/// <list type="bullet">
/// <item>RFC 3164 <c>&lt;22&gt;Nov 21 10:15:00 mail postfix/smtp[123]: text</c> → <c>Nov 21 10:15:00 mail postfix/smtp[123]: text</c>;</item>
/// <item>RFC 5424 <c>&lt;22&gt;1 2026-11-21T10:15:00.1+01:00 mail postfix/smtp 123 - - text</c> →
/// <c>2026-11-21T10:15:00.1+01:00 mail postfix/smtp[123]: text</c> (structured data dropped, <c>-</c> for no pid).</item>
/// </list>
/// A message without a <c>&lt;PRI&gt;</c> is taken as a log line already. The host stays in the line, so messages from
/// different servers never share a queue.
/// </summary>
public static class SyslogMessage
{
    /// <summary>Appends the log line of <paramref name="message"/>, ending in <c>\n</c>, to <paramref name="output"/>.</summary>
    public static void AppendLine(ReadOnlySpan<byte> message, List<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        message = TrimEnd(message);
        if (message.IsEmpty)
        {
            return;
        }

        var rest = WithoutPriority(message);
        if (rest.Length >= 2 && rest[0] == (byte)'1' && rest[1] == (byte)' ')
        {
            Rfc5424(rest[2..], output);
        }
        else
        {
            output.AddRange(rest);
        }

        output.Add((byte)'\n');
    }

    private static ReadOnlySpan<byte> WithoutPriority(ReadOnlySpan<byte> message)
    {
        if (message[0] != (byte)'<')
        {
            return message;
        }

        var close = message[..Math.Min(message.Length, 5)].IndexOf((byte)'>');
        if (close < 2)
        {
            return message;
        }

        foreach (var b in message[1..close])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return message;
            }
        }

        return message[(close + 1)..];
    }

    /// <summary>TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG].</summary>
    private static void Rfc5424(ReadOnlySpan<byte> rest, List<byte> output)
    {
        var timestamp = Field(ref rest);
        var host = Field(ref rest);
        var app = Field(ref rest);
        var pid = Field(ref rest);
        _ = Field(ref rest); // MSGID
        SkipStructuredData(ref rest);
        if (rest.Length >= 3 && rest[0] == 0xEF && rest[1] == 0xBB && rest[2] == 0xBF)
        {
            rest = rest[3..];
        }

        output.AddRange(timestamp);
        output.Add((byte)' ');
        output.AddRange(host);
        output.Add((byte)' ');
        output.AddRange(app);
        if (!pid.SequenceEqual("-"u8))
        {
            output.Add((byte)'[');
            output.AddRange(pid);
            output.Add((byte)']');
        }

        output.Add((byte)':');
        output.Add((byte)' ');
        output.AddRange(rest);
    }

    private static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> rest)
    {
        var space = rest.IndexOf((byte)' ');
        var field = space < 0 ? rest : rest[..space];
        rest = space < 0 ? [] : rest[(space + 1)..];
        return field;
    }

    /// <summary>Either <c>-</c> or one or more <c>[id param="value"…]</c> elements, whose values may hold escaped <c>]</c>.</summary>
    private static void SkipStructuredData(ref ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty || rest[0] != (byte)'[')
        {
            _ = Field(ref rest);
            return;
        }

        var inQuotes = false;
        var i = 0;
        for (; i < rest.Length; i++)
        {
            var b = rest[i];
            if (b == (byte)'\\' && inQuotes)
            {
                i++;
            }
            else if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (b == (byte)']' && !inQuotes && (i + 1 == rest.Length || rest[i + 1] != (byte)'['))
            {
                break;
            }
        }

        rest = i + 2 <= rest.Length ? rest[(i + 2)..] : [];
    }

    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> message)
    {
        while (!message.IsEmpty && message[^1] is (byte)'\n' or (byte)'\r' or 0)
        {
            message = message[..^1];
        }

        return message;
    }
}
