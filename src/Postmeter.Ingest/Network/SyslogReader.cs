using System.Globalization;

namespace Postmeter.Ingest.Network;

/// <summary>
/// Reads a syslog connection (RFC 6587): each message either octet-counted (<c>LEN SP MSG</c>, what rsyslog's
/// <c>omfwd</c> sends with <c>TCP_Framing="octet-counted"</c>) or ended by a newline (the traditional framing),
/// told apart message by message by its first byte.
/// </summary>
public static class SyslogReader
{
    private const int MaxMessage = StreamLineSplitter.MaxLineLength;

    public static async Task Read(Stream stream, string client, LineFeed feed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(feed);
        var buffer = new byte[2 * MaxMessage];
        var start = 0;
        var end = 0;
        var lines = new List<byte>();
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(end), stop).ConfigureAwait(false)) > 0)
        {
            end += read;
            start = TakeMessages(buffer, start, end, lines, final: false);
            Hand(client, feed, lines, stop);
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        TakeMessages(buffer, start, end, lines, final: true);
        Hand(client, feed, lines, stop);
    }

    /// <summary>Converts every whole message in buffer[start..end); returns where the first incomplete one starts.</summary>
    private static int TakeMessages(byte[] buffer, int start, int end, List<byte> lines, bool final)
    {
        while (start < end)
        {
            var data = buffer.AsSpan(start, end - start);
            if (data[0] is (byte)'\n' or (byte)'\r' or (byte)' ')
            {
                start++;
                continue;
            }

            if (data[0] is >= (byte)'1' and <= (byte)'9' && OctetCount(data, out var digits, out var length))
            {
                if (data.Length < digits + 1 + length)
                {
                    return final ? Whole(data, lines, start, end) : start;
                }

                SyslogMessage.AppendLine(data.Slice(digits + 1, length), lines);
                start += digits + 1 + length;
                continue;
            }

            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                // A message longer than the buffer can hold is cut; otherwise wait for its newline.
                return final || data.Length >= MaxMessage ? Whole(data[..Math.Min(data.Length, MaxMessage)], lines, start, start + Math.Min(data.Length, MaxMessage)) : start;
            }

            SyslogMessage.AppendLine(data[..newline], lines);
            start += newline + 1;
        }

        return start;
    }

    private static int Whole(ReadOnlySpan<byte> data, List<byte> lines, int start, int end)
    {
        SyslogMessage.AppendLine(data, lines);
        return end;
    }

    /// <summary>Whether the data starts with <c>DIGITS SP</c> naming a sane length.</summary>
    private static bool OctetCount(ReadOnlySpan<byte> data, out int digits, out int length)
    {
        length = 0;
        digits = data.IndexOf((byte)' ');
        if (digits is < 1 or > 6)
        {
            return false;
        }

        if (!AllDigits(data[..digits]) || !int.TryParse(data[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            return false;
        }

        return length is > 0 and <= MaxMessage;
    }

    private static bool AllDigits(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static void Hand(string client, LineFeed feed, List<byte> lines, CancellationToken stop)
    {
        if (lines.Count > 0)
        {
            feed.Add(new LineChunk(client, [.. lines]), stop);
            lines.Clear();
        }
    }
}
