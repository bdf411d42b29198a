using System.Buffers.Binary;

namespace Postmeter.Ingest.Decompression;

/// <summary>
/// Passes compressed bytes through and remembers the last eight of them: a gzip file ends with CRC32 and ISIZE
/// (the uncompressed length modulo 2^32), which <see cref="CheckedGZipStream"/> compares with what it decoded.
/// </summary>
internal sealed class TrailerTrackingStream(Stream inner) : ForwardOnlyStream
{
    private const int TrailerLength = 8;

    // The smallest gzip member: 10 header bytes, an empty deflate block and the 8-byte trailer.
    private const int MinimumGzipLength = 18;

    private readonly byte[] _tail = new byte[TrailerLength];
    private long _bytesRead;

    /// <summary>ISIZE of the last gzip member, if the bytes read so far end like one.</summary>
    public bool TryGetTrailerSize(out uint size)
    {
        size = 0;
        if (_bytesRead < MinimumGzipLength)
        {
            return false;
        }

        size = BinaryPrimitives.ReadUInt32LittleEndian(_tail.AsSpan(4));
        return true;
    }

    /// <summary>Reads (and tracks) whatever the decompressor left unread, so the trailer is the file's last bytes.</summary>
    public void Drain()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (Read(scratch) > 0)
        {
        }
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Remember(buffer[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        var n = inner.Read(buffer, offset, count);
        Remember(buffer.AsSpan(offset, n));
        return n;
    }

    private void Remember(ReadOnlySpan<byte> bytes)
    {
        _bytesRead += bytes.Length;
        if (bytes.Length >= TrailerLength)
        {
            bytes[^TrailerLength..].CopyTo(_tail);
            return;
        }

        // Shift the window left and append the few new bytes.
        _tail.AsSpan(bytes.Length).CopyTo(_tail);
        bytes.CopyTo(_tail.AsSpan(TrailerLength - bytes.Length));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
