using System.IO.Compression;
using ICSharpCode.SharpZipLib.GZip;

namespace Postmeter.Ingest.Decompression;

/// <summary>
/// Decompresses gzip and turns damage, a truncated archive included, into a <see cref="LogInputException"/> naming
/// the file.
/// </summary>
/// <remarks>
/// A file that can be opened again is decoded with <see cref="GZipStream"/> (native zlib, fast). It reports corrupt
/// deflate data, but a <em>truncated</em> file (a copy cut short, an archive still being written, one that only lacks
/// its 8-byte trailer) just ends early without an error. So at the end the last trailer's ISIZE is compared with the
/// number of bytes decoded. They differ for a truncated file, but also for valid files with several gzip members or
/// trailing padding; in that rare case the file is re-read once with SharpZipLib's gzip reader, which checks every
/// member's trailer. A stream read once (standard input, a pipe) cannot be re-read, so it is decoded with
/// SharpZipLib's reader from the start: slower, but it refuses a truncated archive as a file is refused.
/// </remarks>
internal sealed class CheckedGZipStream : ForwardOnlyStream
{
    private readonly TrailerTrackingStream? _compressed;
    private readonly Stream _gzip;
    private readonly string _name;
    private readonly Func<Stream>? _reopen;
    private long _decoded;
    private bool _ended;

    public CheckedGZipStream(Stream compressed, string name, Func<Stream>? reopen)
    {
        _name = name;
        _reopen = reopen;
        if (reopen is null)
        {
            _gzip = new GZipInputStream(compressed) { IsStreamOwner = true };
        }
        else
        {
            _compressed = new TrailerTrackingStream(compressed);
            _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: false);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended)
        {
            return 0;
        }

        int n;
        try
        {
            n = _gzip.Read(buffer);
        }
        catch (Exception e) when (ArchiveDamage.IsDamage(e))
        {
            throw Damaged(ArchiveDamage.Describe(e), e);
        }

        return Account(n, buffer.Length);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    private int Account(int n, int requested)
    {
        _decoded += n;
        if (n == 0 && requested > 0)
        {
            _ended = true;
            VerifyComplete();
        }

        return n;
    }

    private void VerifyComplete()
    {
        if (_compressed is null || _reopen is null)
        {
            // SharpZipLib checked every member's trailer as it went.
            return;
        }

        _compressed.Drain();
        if (_compressed.TryGetTrailerSize(out var size) && size == unchecked((uint)_decoded))
        {
            return;
        }

        try
        {
            using var again = new GZipInputStream(_reopen());
            again.CopyTo(Stream.Null);
        }
        catch (Exception e) when (ArchiveDamage.IsDamage(e))
        {
            throw Damaged(ArchiveDamage.Describe(e), e);
        }
    }

    private LogInputException Damaged(string detail, Exception inner) => ArchiveDamage.Damaged("gzip", _name, detail, inner);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
