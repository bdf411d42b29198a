using Postmeter.Ingest.Decompression;

namespace Postmeter.Ingest.Sources;

/// <summary>
/// Standard input or a pipe that ends when <paramref name="stop"/> is signalled, even while a read waits for a writer
/// that sends nothing (a quiet <c>tail -F</c>): the blocking read runs on a pool thread, and a stop returns the end of
/// the stream at once. That read is left behind; the process is ending.
/// </summary>
internal sealed class StoppableStream(Stream inner, CancellationToken stop) : ForwardOnlyStream
{
    private readonly byte[] _chunk = new byte[1 << 18];
    private Task<int>? _pending;
    private int _offset;
    private int _available;

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_available == 0 && !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _available);
        _chunk.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        _available -= n;
        return n;
    }

    /// <summary>Waits for the next chunk; false at the end of the stream or when stopped.</summary>
    private bool Fill()
    {
        if (stop.IsCancellationRequested)
        {
            return false;
        }

        _pending ??= Task.Run(() => inner.Read(_chunk, 0, _chunk.Length));
        try
        {
#pragma warning disable RS0030 // Stream.Read is synchronous: it waits for the read it started, or for the stop
            _pending.Wait(stop);
#pragma warning restore RS0030
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (AggregateException)
        {
            // The read failed: its own exception is thrown below.
        }

        var task = _pending;
        _pending = null;
        _offset = 0;
        _available = task.GetAwaiter().GetResult();
        return _available > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _pending is null)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
