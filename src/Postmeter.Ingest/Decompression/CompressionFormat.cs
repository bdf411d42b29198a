namespace Postmeter.Ingest.Decompression;

/// <summary>How a log file's bytes are stored, decided by its first bytes (its "magic"), never by its name.</summary>
internal enum CompressionFormat
{
    None,
    Gzip,
    BZip2,
}

internal static class CompressionSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to decide.</summary>
    public const int HeaderLength = 4;

    /// <summary>gzip starts with 1F 8B (RFC 1952); bzip2 with "BZh" and a block size digit 1-9.</summary>
    public static CompressionFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return CompressionFormat.Gzip;
        }

        if (head.Length >= 4 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h'
            && head[3] >= (byte)'1' && head[3] <= (byte)'9')
        {
            return CompressionFormat.BZip2;
        }

        return CompressionFormat.None;
    }
}
