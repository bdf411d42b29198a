using System.Buffers;
using System.IO.Compression;

namespace Postmeter.Storage.Sqlite;

/// <summary>How a raw block's text is compressed; the value is stored with the block, so old blocks stay readable.</summary>
internal enum RawCodec
{
    Deflate = 1,
    Brotli = 2,
}

/// <summary>Compresses and expands the packed log lines of a raw block.</summary>
internal sealed class RawBlockCodec(RawCodec codec, int level)
{
    /// <summary>
    /// What blocks are written with. Measured on 64 KiB blocks of real Postfix lines (see the project README): Brotli
    /// quality 1 compresses 7.1:1 at about 500 MB/s; Deflate "fastest" 5.5:1 at about 580 MB/s, Deflate "optimal"
    /// 8.3:1 at 145 MB/s, Brotli quality 4 8.4:1 at 135 MB/s. Quality 1 keeps compression a small part of a commit.
    /// </summary>
    public static RawBlockCodec Default { get; } = new(RawCodec.Brotli, 1);

    /// <summary>A 128 KiB window covers a whole block; a larger one only costs the encoder memory.</summary>
    private const int WindowBits = 17;

    public RawCodec Codec { get; } = codec;

    public byte[] Compress(ReadOnlySpan<byte> text)
    {
        if (Codec == RawCodec.Brotli)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(text.Length));
            try
            {
                if (!BrotliEncoder.TryCompress(text, buffer, out var written, level, WindowBits))
                {
                    throw new InvalidOperationException("Brotli could not compress a raw block into its maximum size.");
                }

                return buffer.AsSpan(0, written).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        using var output = new MemoryStream(text.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, (CompressionLevel)level, leaveOpen: true))
        {
            deflate.Write(text);
        }

        return output.ToArray();
    }

    /// <summary>The block's text: <paramref name="size"/> bytes, as stored with it.</summary>
    public static byte[] Expand(RawCodec codec, ReadOnlySpan<byte> data, int size)
    {
        var text = new byte[size];
        if (codec == RawCodec.Brotli)
        {
            if (!BrotliDecoder.TryDecompress(data, text, out var written) || written != size)
            {
                throw new InvalidDataException("A raw block does not expand to its recorded size.");
            }

            return text;
        }

        if (codec != RawCodec.Deflate)
        {
            throw new InvalidDataException($"A raw block uses codec {(int)codec}, which this version does not know.");
        }

        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        deflate.ReadExactly(text);
        return text;
    }
}
