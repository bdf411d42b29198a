namespace Postmeter.Ingest.Decompression;

/// <summary>
/// A forward-only read stream that can look at its next few bytes without consuming them: used to sniff a
/// compression header on streams that cannot seek (standard input), and between concatenated bzip2 streams.
/// </summary>
internal sealed class PeekableStream(Stream inner) : ForwardOnlyStream
{
    private const int MaxPeek = 16;

    private readonly byte[] _pending = new byte[MaxPeek];
    private int _pendingStart;
    private int _pendingEnd;

    /// <summary>Fills <paramref name="into"/> with the next bytes (fewer at the end of the stream) and keeps them unread.</summary>
    public int Peek(Span<byte> into)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(into.Length, MaxPeek);
        if (_pendingStart > 0)
        {
            _pending.AsSpan(_pendingStart, _pendingEnd - _pendingStart).CopyTo(_pending);
            _pendingEnd -= _pendingStart;
            _pendingStart = 0;
        }

        while (_pendingEnd < into.Length)
        {
            var n = inner.Read(_pending, _pendingEnd, into.Length - _pendingEnd);
            if (n == 0)
            {
                break;
            }

            _pendingEnd += n;
        }

        var available = Math.Min(into.Length, _pendingEnd);
        _pending.AsSpan(0, available).CopyTo(into);
        return available;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_pendingStart == _pendingEnd)
        {
            return inner.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
        _pending.AsSpan(_pendingStart, n).CopyTo(buffer);
        _pendingStart += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return _pendingStart == _pendingEnd ? inner.Read(buffer, offset, count) : Read(buffer.AsSpan(offset, count));
    }

    public override int ReadByte() => _pendingStart == _pendingEnd ? inner.ReadByte() : _pending[_pendingStart++];

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
