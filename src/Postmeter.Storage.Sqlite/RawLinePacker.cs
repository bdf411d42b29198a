using System.Buffers;

namespace Postmeter.Storage.Sqlite;

/// <summary>Where a message's log lines are: a slice of a raw block's text.</summary>
internal readonly record struct RawPlacement(long BlockId, int Offset, int Length);

/// <summary>A finished raw block, compressed, ready to be stored.</summary>
internal sealed record SealedBlock(long Id, DateTime NewestTime, RawCodec Codec, int Size, byte[] Data);

/// <summary>A finished raw block whose compression runs on the thread pool, off the writer's thread.</summary>
internal sealed class PendingBlock(Task<SealedBlock> compression)
{
    public bool IsDone => compression.IsCompleted;

    /// <summary>The compressed block, waiting for it if need be (and rethrowing a failed compression).</summary>
    public SealedBlock Result => compression.GetAwaiter().GetResult();
}

/// <summary>
/// Packs the log lines of the messages of one commit into blocks of about <paramref name="blockSize"/> bytes, so
/// that compression sees enough text to find the repetition in it (one message's ~600 bytes alone compress badly).
/// Block ids are handed out from the first free one, given at <see cref="Begin"/>. Blocks are compressed on the
/// thread pool (<see cref="Seal"/>), so the writer goes on inserting rows meanwhile.
/// </summary>
internal sealed class RawLinePacker(RawBlockCodec codec, int blockSize = RawLinePacker.DefaultBlockSize)
{
    public const int DefaultBlockSize = 64 * 1024;

    private byte[] _text = ArrayPool<byte>.Shared.Rent(blockSize + (blockSize / 2));
    private int _used;
    private long _blockId;
    private DateTime _newest;

    public bool IsFull => _used >= blockSize;

    public bool HasOpenBlock => _used > 0;

    public void Begin(long firstFreeBlockId)
    {
        _blockId = firstFreeBlockId;
        _used = 0;
        _newest = DateTime.MinValue;
    }

    /// <summary>Adds one message's lines to the open block; <paramref name="time"/> is the time the message belongs to.</summary>
    public RawPlacement Add(ReadOnlySpan<byte> lines, DateTime time)
    {
        if (_used + lines.Length > _text.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_text.Length * 2, _used + lines.Length));
            _text.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_text);
            _text = larger;
        }

        lines.CopyTo(_text.AsSpan(_used));
        var placement = new RawPlacement(_blockId, _used, lines.Length);
        _used += lines.Length;
        _newest = time > _newest ? time : _newest;
        return placement;
    }

    /// <summary>Starts compressing the open block and starts the next one.</summary>
    public PendingBlock Seal()
    {
        var (text, size, id, newest) = (_text, _used, _blockId, _newest);
        var compression = Task.Run(() =>
        {
            try
            {
                return new SealedBlock(id, newest, codec.Codec, size, codec.Compress(text.AsSpan(0, size)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(text);
            }
        });
        _text = ArrayPool<byte>.Shared.Rent(blockSize + (blockSize / 2));
        _blockId++;
        _used = 0;
        _newest = DateTime.MinValue;
        return new PendingBlock(compression);
    }
}
