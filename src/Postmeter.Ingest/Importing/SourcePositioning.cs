namespace Postmeter.Ingest.Importing;

/// <summary>
/// Moves a source's stream to the committed offset: a seek for a plain file; for a stream read forward only
/// (compressed, standard input) the prefix already read is put back in front, the offset's bytes are skipped, and an
/// offset inside a line (a feed that ended without its newline) skips the rest of that line.
/// </summary>
internal static class SourcePositioning
{
    /// <summary>The stream to read from <paramref name="offset"/> on; <paramref name="atEnd"/> when nothing lies beyond it.</summary>
    public static Stream Position(Stream stream, SourcePrefix prefix, ref long offset, out bool atEnd)
    {
        if (stream.CanSeek)
        {
            // A plain file: the offset is a file offset. A file shorter than its checkpoint cannot have the same prefix
            // unless it was cut back; then only what lies past the cut would be new, and there is nothing.
            offset = Math.Min(offset, stream.Length);
            stream.Position = offset;
            atEnd = offset >= stream.Length;
            return stream;
        }

        Stream content = new PrefixedStream(prefix.Bytes.ToArray(), prefix.Count, stream);
        var skipped = Skip(content, offset, out var last);
        atEnd = skipped < offset || IsAtEnd(ref content);
        if (!atEnd && skipped > 0 && last != '\n')
        {
            skipped += SkipRestOfLine(ref content);
            atEnd = IsAtEnd(ref content);
        }

        offset = skipped;
        return content;
    }

    private static long Skip(Stream stream, long count, out byte last)
    {
        var buffer = new byte[1 << 16];
        long skipped = 0;
        last = (byte)'\n';
        while (skipped < count)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count - skipped));
            if (n == 0)
            {
                break;
            }

            skipped += n;
            last = buffer[n - 1];
        }

        return skipped;
    }

    /// <summary>
    /// The earlier read ended on a line without its newline and took it whole (the end of a standard input feed);
    /// what follows now up to the next newline is the rest of that line, not a line of its own. Returns the bytes
    /// consumed, the newline included; the stream is left just after it.
    /// </summary>
    private static long SkipRestOfLine(ref Stream forwardOnly)
    {
        var buffer = new byte[1 << 16];
        long consumed = 0;
        int n;
        while ((n = forwardOnly.Read(buffer, 0, buffer.Length)) > 0)
        {
            var newline = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var rest = buffer.AsSpan(newline + 1, n - newline - 1).ToArray();
                forwardOnly = new PrefixedStream(rest, rest.Length, forwardOnly);
                return consumed + newline + 1;
            }

            consumed += n;
        }

        return consumed;
    }

    /// <summary>Whether a forward-only stream is exhausted; a byte read to find out is put back.</summary>
    private static bool IsAtEnd(ref Stream stream)
    {
        var one = new byte[1];
        if (stream.Read(one, 0, 1) == 0)
        {
            return true;
        }

        stream = new PrefixedStream(one, 1, stream);
        return false;
    }
}
