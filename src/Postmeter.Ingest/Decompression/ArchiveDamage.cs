using ICSharpCode.SharpZipLib;

namespace Postmeter.Ingest.Decompression;

/// <summary>
/// Says in plain words what a decoder's exception means for the archive; the decoders' own texts mislead (zlib's
/// corrupt data is "an unsupported compression method", a bad bzip2 table "Index was outside the bounds of the array").
/// </summary>
internal static class ArchiveDamage
{
    public const string Truncated = "it ends before the end of the compressed data: truncated, or still being written";

    /// <summary>Whether <paramref name="e"/> is a decoder reporting damage rather than a failure of the program.</summary>
    public static bool IsDamage(Exception e) =>
        e is InvalidDataException or SharpZipBaseException or EndOfStreamException or IndexOutOfRangeException or ArgumentOutOfRangeException;

    public static string Describe(Exception e) => e switch
    {
        EndOfStreamException => Truncated,
        SharpZipBaseException when e.Message.Contains("crc", StringComparison.OrdinalIgnoreCase) =>
            "a checksum does not match: the data was changed or damaged",
        SharpZipBaseException when e.Message.Contains("size", StringComparison.OrdinalIgnoreCase) =>
            "the length recorded at its end does not match its data: damaged or cut short",
        SharpZipBaseException when e.Message.Contains("EOF", StringComparison.OrdinalIgnoreCase) => Truncated,
        _ => "its compressed data is corrupt",
    };

    public static LogInputException Damaged(string format, string name, string detail, Exception inner) =>
        new($"Damaged {format} archive: {name} ({detail}). Expected a complete {format} file; restore or re-copy it, or leave it out.", name, inner);
}
