using System.Security.Cryptography;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// The first bytes of a source's (decompressed) content: what identifies it across renames, rotation and
/// compression. <c>mail.log</c> that becomes <c>mail.log.1</c> and then <c>mail.log.2.gz</c> keeps its prefix, so its
/// committed position follows it.
/// </summary>
public sealed class SourcePrefix
{
    public const int Length = 4096;

    private readonly byte[] _bytes;

    public SourcePrefix(byte[] bytes, int length)
    {
        _bytes = bytes;
        Count = length;
        Hash = SHA256.HashData(bytes.AsSpan(0, length));
    }

    /// <summary>Bytes of the prefix (fewer than <see cref="Length"/> when the source is that short).</summary>
    public int Count { get; }

    public byte[] Hash { get; }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Count);

    /// <summary>Reads up to <see cref="Length"/> bytes from the start of <paramref name="stream"/>.</summary>
    /// <param name="whatIsThere">For a live pipe: take what the first read returns rather than wait for the whole prefix.</param>
    public static SourcePrefix Read(Stream stream, bool whatIsThere = false)
    {
        var bytes = new byte[Length];
        var got = whatIsThere ? stream.Read(bytes, 0, Length) : stream.ReadAtLeast(bytes, Length, throwOnEndOfStream: false);
        return new SourcePrefix(bytes, got);
    }

    /// <summary>
    /// The checkpoint of this same content, if one was committed: its prefix must be a prefix of ours (a file that
    /// was shorter when last seen has grown since). The longest such prefix wins, then the newest.
    /// </summary>
    public SourceCheckpoint? FindCheckpoint(IEnumerable<SourceCheckpoint> checkpoints)
    {
        SourceCheckpoint? best = null;
        foreach (var checkpoint in checkpoints)
        {
            if (checkpoint.PrefixLength <= 0 || checkpoint.PrefixLength > Count || !Matches(checkpoint))
            {
                continue;
            }

            if (best is null || checkpoint.PrefixLength > best.PrefixLength
                || (checkpoint.PrefixLength == best.PrefixLength && checkpoint.UpdatedAt > best.UpdatedAt))
            {
                best = checkpoint;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether this prefix is shorter than <paramref name="longer"/> and its start: the same content caught while it was
    /// still being written.
    /// </summary>
    public bool Begins(ReadOnlySpan<byte> longer) => Count < longer.Length && longer.StartsWith(Bytes);

    /// <summary>A new key for content seen for the first time.</summary>
    public string NewKey() => Convert.ToHexStringLower(Hash.AsSpan(0, 16)) + "-" + Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private bool Matches(SourceCheckpoint checkpoint) =>
        checkpoint.PrefixLength == Count
            ? checkpoint.PrefixHash.AsSpan().SequenceEqual(Hash)
            : checkpoint.PrefixHash.AsSpan().SequenceEqual(SHA256.HashData(Bytes[..checkpoint.PrefixLength]));
}
