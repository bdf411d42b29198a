using System.IO.Compression;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;

namespace Postmeter.Ingest.Decompression;

/// <summary>
/// Decompresses gzip with <see cref="GZipStream"/> (native zlib, fast) and turns damage into a
/// <see cref="LogInputException"/> naming the file.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> reports corrupt deflate data and CRC mismatches, but a <em>truncated</em> file (a copy
/// cut short, an archive still being written) just ends early without an error. So at the end the last trailer's
/// ISIZE is compared with the number of bytes decoded. They differ for a truncated file, but also for valid files
/// with several gzip members or trailing padding; in that rare case, when the file can be opened again, it is
/// re-read once with SharpZipLib's gzip reader, which checks every member's trailer. A stream that cannot be
/// re-opened (standard input) is then accepted as it is.
/// </remarks>
internal sealed class CheckedGZipStream : ForwardOnlyStream
{
    private readonly TrailerTrackingStream _compressed;
    private readonly GZipStream _gzip;
    private readonly string _name;
    private readonly Func<Stream>? _reopen;
    private long _decoded;
    private bool _ended;

    public CheckedGZipStream(Stream compressed, string name, Func<Stream>? reopen)
    {
        _compressed = new TrailerTrackingStream(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: false);
        _name = name;
        _reopen = reopen;
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
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message, e);
        }

        return Account(n, buffer.Length);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        if (_ended)
        {
            return 0;
        }

        int n;
        try
        {
            n = _gzip.Read(buffer, offset, count);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message, e);
        }

        return Account(n, count);
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
        _compressed.Drain();
        if (_compressed.TryGetTrailerSize(out var size) && size == unchecked((uint)_decoded))
        {
            return;
        }

        if (_reopen is null)
        {
            return;
        }

        try
        {
            using var again = new GZipInputStream(_reopen());
            again.CopyTo(Stream.Null);
        }
        catch (Exception e) when (e is SharpZipBaseException or EndOfStreamException or InvalidDataException)
        {
            throw Damaged("it ends before the end of the compressed data: truncated, or still being written", e);
        }
    }

    private LogInputException Damaged(string detail, Exception inner) =>
        new($"Damaged gzip archive: {_name} ({detail}). Expected a complete gzip file; restore or re-copy it, or leave it out.", _name, inner);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }
}
