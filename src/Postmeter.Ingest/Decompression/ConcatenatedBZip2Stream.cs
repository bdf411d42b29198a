using System.Buffers;
using ICSharpCode.SharpZipLib.BZip2;

namespace Postmeter.Ingest.Decompression;

/// <summary>
/// Decompresses bzip2, including files made of several concatenated bzip2 streams (pbzip2, <c>cat a.bz2 b.bz2</c>),
/// which <see cref="BZip2InputStream"/> alone stops after the first of. Damage becomes a
/// <see cref="LogInputException"/> naming the file. Bytes after the last stream that are not a bzip2 header are
/// ignored, as bzip2(1) does.
/// </summary>
internal sealed class ConcatenatedBZip2Stream : ForwardOnlyStream
{
    private readonly PeekableStream _compressed;
    private readonly string _name;
    private BZip2InputStream? _current;

    public ConcatenatedBZip2Stream(PeekableStream compressed, string name)
    {
        _compressed = compressed;
        _name = name;
        _current = StartStream();
    }

    public override int Read(Span<byte> buffer)
    {
        // SharpZipLib decodes into arrays only.
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var n = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        while (_current is not null && count > 0)
        {
            int n;
            try
            {
                n = _current.Read(buffer, offset, count);
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw Damaged(e);
            }

            if (n > 0)
            {
                return n;
            }

            _current.Dispose();
            _current = null;
            _current = NextStream();
        }

        return 0;
    }

    private BZip2InputStream? NextStream()
    {
        Span<byte> head = stackalloc byte[CompressionSniffer.HeaderLength];
        var got = _compressed.Peek(head);
        return CompressionSniffer.Detect(head[..got]) == CompressionFormat.BZip2 ? StartStream() : null;
    }

    private BZip2InputStream StartStream()
    {
        try
        {
            // The decoder reads its input one byte at a time, so it stops exactly at the end of its stream.
            return new BZip2InputStream(_compressed) { IsStreamOwner = false };
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(e);
        }
    }

    // SharpZipLib reports most damage as BZip2Exception or EndOfStreamException (truncation), but some corrupt
    // Huffman tables surface as index errors from inside the decoder.
    private static bool IsDamage(Exception e) => ArchiveDamage.IsDamage(e);

    private LogInputException Damaged(Exception inner) => ArchiveDamage.Damaged("bzip2", _name, ArchiveDamage.Describe(inner), inner);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _compressed.Dispose();
        }

        base.Dispose(disposing);
    }
}
