namespace Postmeter.Ingest.Network;

/// <summary>
/// Cuts what one connection sends into whole lines for a <see cref="LineFeed"/>: after each read, the complete lines
/// go together as one chunk and a started line waits for the rest. A line longer than
/// <see cref="MaxLineLength"/> is cut there, so a client sending no newline cannot grow memory.
/// </summary>
public sealed class StreamLineSplitter(string client, LineFeed feed)
{
    public const int MaxLineLength = 64 * 1024;

    private byte[] _pending = new byte[4096];
    private int _used;

    /// <summary>Takes <paramref name="received"/>, handing every line it completes to the feed.</summary>
    public void Add(ReadOnlySpan<byte> received, CancellationToken stop)
    {
        var lastNewline = received.LastIndexOf((byte)'\n');
        if (lastNewline < 0)
        {
            Keep(received, stop);
            return;
        }

        var complete = new byte[_used + lastNewline + 1];
        _pending.AsSpan(0, _used).CopyTo(complete);
        received[..(lastNewline + 1)].CopyTo(complete.AsSpan(_used));
        _used = 0;
        feed.Add(new LineChunk(client, complete), stop);
        Keep(received[(lastNewline + 1)..], stop);
    }

    /// <summary>The connection ended: a last line without its newline still counts.</summary>
    public void End(CancellationToken stop)
    {
        if (_used > 0)
        {
            var last = new byte[_used + 1];
            _pending.AsSpan(0, _used).CopyTo(last);
            last[^1] = (byte)'\n';
            _used = 0;
            feed.Add(new LineChunk(client, last), stop);
        }
    }

    private void Keep(ReadOnlySpan<byte> started, CancellationToken stop)
    {
        while (!started.IsEmpty)
        {
            var room = MaxLineLength - _used;
            var take = Math.Min(room, started.Length);
            if (_used + take > _pending.Length)
            {
                Array.Resize(ref _pending, Math.Min(MaxLineLength, Math.Max(_pending.Length * 2, _used + take)));
            }

            started[..take].CopyTo(_pending.AsSpan(_used));
            _used += take;
            started = started[take..];
            if (_used == MaxLineLength)
            {
                // Too long to be a log line: deliver what fits, as its own line, and go on with the rest.
                End(stop);
            }
        }
    }
}
