using System.Buffers;

namespace Postmeter.Ingest.Sources;

/// <summary>
/// Splits a stream into lines and hands each one to a <see cref="LineHandler"/> as raw bytes, without allocating
/// per line: one pooled buffer per <see cref="ReadAll"/> call, vectorized newline search.
/// </summary>
/// <remarks>
/// Lines end at <c>\n</c>; a <c>\r</c> before it is dropped. A last line without <c>\n</c> is still delivered, unless
/// the caller holds it back (a file still being written).
/// Bytes are passed through as they are (invalid UTF-8, NUL, binary junk). A line longer than
/// <see cref="MaxLineLength"/> is delivered cut to that length and the rest of it is skipped, so memory stays bounded
/// whatever the input. Not thread-safe; reuse one reader per consumer.
/// </remarks>
public sealed class LineReader
{
    public const int DefaultBufferSize = 1 << 20;
    public const int DefaultMaxLineLength = 64 * 1024;

    private readonly int _readSize;

    public LineReader()
        : this(DefaultBufferSize, DefaultMaxLineLength)
    {
    }

    /// <param name="bufferSize">
    /// Bytes asked of the stream per read. Always this many, so a <see cref="FileStream"/> with a buffer of this size
    /// reads straight into ours; the pooled buffer is this plus room for one partial line.
    /// </param>
    /// <param name="maxLineLength">Longest line delivered whole, in bytes, not counting the terminator.</param>
    public LineReader(int bufferSize, int maxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineLength, Array.MaxLength / 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferSize, Array.MaxLength - maxLineLength - 2);
        _readSize = bufferSize;
        MaxLineLength = maxLineLength;
    }

    public int MaxLineLength { get; }

    /// <summary>
    /// Bytes of the stream consumed so far: while a handler runs, the offset just past the current line and its
    /// terminator (where reading would resume after it); after <see cref="ReadAll"/>, the stream's length.
    /// </summary>
    public long Position { get; private set; }

    /// <summary>Lines delivered by the current or last <see cref="ReadAll"/> call.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Lines that were longer than <see cref="MaxLineLength"/> and delivered cut.</summary>
    public long TruncatedLines { get; private set; }

    /// <summary>Reads <paramref name="stream"/> to its end; returns the number of lines delivered.</summary>
    /// <param name="holdPartialLastLine">
    /// For a file still being written: a last line without its <c>\n</c> is not delivered (it may not be whole yet),
    /// and <see cref="Position"/> stays at its start, where the next read resumes.
    /// </param>
    /// <param name="afterRead">
    /// Called after the lines of each read from the stream were delivered (for live input: the reader may block in
    /// the next read, so this is the moment to say how far it got).
    /// </param>
    /// <param name="stop">
    /// Stops reading after the line being delivered when it is signalled: <see cref="Position"/> is then just past that
    /// line, where a later read resumes (a line not yet whole is not delivered).
    /// </param>
    /// <remarks>The counters start again from zero on each call.</remarks>
    public long ReadAll(Stream stream, LineHandler onLine, bool holdPartialLastLine = false, Action? afterRead = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onLine);
        Position = 0;
        LinesRead = 0;
        TruncatedLines = 0;

        // A partial line of up to MaxLineLength + 1 bytes stays at the front while the next read lands after it.
        var buffer = ArrayPool<byte>.Shared.Rent(_readSize + MaxLineLength + 2);
        try
        {
            ReadLines(stream, buffer, onLine, holdPartialLastLine, afterRead, stop);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return LinesRead;
    }

    private void ReadLines(Stream stream, byte[] buffer, LineHandler onLine, bool holdPartialLastLine, Action? afterRead, CancellationToken stop)
    {
        // buffer[start..end) holds the start of a line whose '\n' has not been read yet.
        var start = 0;
        var end = 0;
        while (true)
        {
            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            var read = stream.Read(buffer, end, _readSize);
            if (read == 0)
            {
                break;
            }

            var scanFrom = end;
            end += read;
            while (true)
            {
                var newline = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var lineEnd = scanFrom + newline;
                    Deliver(buffer.AsSpan(start, lineEnd - start), lineEnd - start + 1, onLine);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    start = scanFrom = lineEnd + 1;
                    continue;
                }

                // No '\n' in what is left. At MaxLineLength + 2 bytes the line is too long even if the last of them
                // turns out to be a '\r' before the '\n'.
                if (end - start < MaxLineLength + 2)
                {
                    break;
                }

                if (!SkipRestOfLongLine(stream, buffer, start, end, onLine, holdPartialLastLine, out start, out end))
                {
                    return;
                }

                scanFrom = start;
            }

            afterRead?.Invoke();
        }

        if (end > start && !holdPartialLastLine && !stop.IsCancellationRequested)
        {
            Deliver(buffer.AsSpan(start, end - start), end - start, onLine);
        }
    }

    /// <summary>
    /// Keeps the first <see cref="MaxLineLength"/> bytes of the line at the front of the buffer, reads on after
    /// them, dropping bytes, up to the line's '\n', then delivers the cut line. Returns false at the end of the
    /// stream (where a line still being written is held like any other); otherwise buffer[start..end) is what
    /// followed the line.
    /// </summary>
    private bool SkipRestOfLongLine(
        Stream stream, byte[] buffer, int lineStart, int available, LineHandler onLine, bool holdPartialLastLine, out int start, out int end)
    {
        long lineLength = available - lineStart;
        buffer.AsSpan(lineStart, MaxLineLength).CopyTo(buffer);
        while (true)
        {
            var read = stream.Read(buffer, MaxLineLength, _readSize);
            if (read == 0)
            {
                if (!holdPartialLastLine)
                {
                    DeliverCut(buffer, lineLength, onLine);
                }

                start = end = 0;
                return false;
            }

            var newline = buffer.AsSpan(MaxLineLength, read).IndexOf((byte)'\n');
            if (newline < 0)
            {
                lineLength += read;
                continue;
            }

            DeliverCut(buffer, lineLength + newline + 1, onLine);
            start = MaxLineLength + newline + 1;
            end = MaxLineLength + read;
            return true;
        }
    }

    private void Deliver(ReadOnlySpan<byte> line, int consumed, LineHandler onLine)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Length > MaxLineLength)
        {
            line = line[..MaxLineLength];
            TruncatedLines++;
        }

        Position += consumed;
        LinesRead++;
        onLine(line);
    }

    private void DeliverCut(byte[] buffer, long consumed, LineHandler onLine)
    {
        Position += consumed;
        LinesRead++;
        TruncatedLines++;
        onLine(buffer.AsSpan(0, MaxLineLength));
    }
}
