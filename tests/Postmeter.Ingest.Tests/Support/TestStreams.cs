namespace Postmeter.Ingest.Tests.Support;

/// <summary>
/// A read-only, non-seekable stream (like a pipe) that returns at most <c>maxChunk</c> bytes per read, in
/// pseudo-random sizes, so readers meet every kind of short read and boundary.
/// </summary>
internal sealed class TricklingStream(byte[] content, int maxChunk = int.MaxValue, int seed = 1) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var limit = Math.Min(Math.Min(buffer.Length, content.Length - _position), maxChunk);
        var n = limit <= 1 ? limit : _random.Next(1, limit + 1);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
