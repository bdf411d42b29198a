namespace Postmeter.Storage.Sqlite;

/// <summary>Where a message's log lines are: a slice of a raw block's text.</summary>
internal readonly record struct RawPlacement(long BlockId, int Offset, int Length);

/// <summary>A finished raw block, compressed, ready to be stored.</summary>
internal sealed record SealedBlock(long Id, DateTime NewestTime, RawCodec Codec, int Size, byte[] Data);

/// <summary>
/// Packs the log lines of the messages of one commit into blocks of about <paramref name="blockSize"/> bytes, so
/// that compression sees enough text to find the repetition in it (one message's ~600 bytes alone compress badly).
/// Block ids are handed out from the first free one, given at <see cref="Begin"/>.
/// </summary>
internal sealed class RawLinePacker(RawBlockCodec codec, int blockSize = RawLinePacker.DefaultBlockSize)
{
    public const int DefaultBlockSize = 64 * 1024;

    private byte[] _text = new byte[blockSize + (blockSize / 2)];
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
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + lines.Length));
        }

        lines.CopyTo(_text.AsSpan(_used));
        var placement = new RawPlacement(_blockId, _used, lines.Length);
        _used += lines.Length;
        _newest = time > _newest ? time : _newest;
        return placement;
    }

    /// <summary>Compresses the open block and starts the next one.</summary>
    public SealedBlock Seal()
    {
        var text = _text.AsSpan(0, _used);
        var block = new SealedBlock(_blockId, _newest, codec.Codec, _used, codec.Compress(text));
        _blockId++;
        _used = 0;
        _newest = DateTime.MinValue;
        return block;
    }
}
