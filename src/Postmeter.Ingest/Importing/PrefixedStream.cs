using Postmeter.Ingest.Decompression;

namespace Postmeter.Ingest.Importing;

/// <summary>Gives back bytes already read from a stream (its prefix) before the rest of it.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardOnlyStream
{
    private int _served;

    public override int Read(Span<byte> buffer)
    {
        if (_served < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _served);
            prefix.AsSpan(_served, n).CopyTo(buffer);
            _served += n;
            return n;
        }

        return rest.Read(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
