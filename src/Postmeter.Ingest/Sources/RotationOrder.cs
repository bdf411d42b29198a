namespace Postmeter.Ingest.Sources;

/// <summary>Puts one pattern's files in reading order: oldest archive first, the current file last.</summary>
internal static class RotationOrder
{
    /// <summary>
    /// Drops duplicates of one rotation, then orders the rest.
    /// </summary>
    /// <remarks>
    /// <para>Duplicates: when the same file exists both compressed and not (<c>mail.log.1</c> and
    /// <c>mail.log.1.gz</c>: an rsync or half-done compression artefact), only the compressed one is kept (gzip
    /// before bzip2 if both exist).</para>
    /// <para>Within a naming convention the name decides: numbered archives by descending N, dated ones by ascending
    /// date (Postfix's <c>YYYYMMDD-HHMMSS</c> stamps and logrotate's dates compare as instants, a bare date
    /// meaning its midnight).</para>
    /// <para>A directory can hold both conventions, when its rotation scheme changed (logrotate's <c>dateext</c>
    /// switched on or off, or <c>postfix logrotate</c> next to logrotate). Unlike Lightmeter, which then drops the
    /// numbered archives, both sequences are kept and merged, each in its own order, by modification time:
    /// logrotate and gzip keep a rotated file's mtime, which is the time of its last line, so the sequence whose
    /// next file was last written earlier goes first. On equal times numbered archives go first, as the usual
    /// change is from the numbered default to dated names.</para>
    /// </remarks>
    public static List<RotatedFile> Order(IEnumerable<RotatedFile> files)
    {
        var unique = files
            .GroupBy(f => UncompressedName(f), StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => CompressionPreference(f.Rotation.Compression))
                .ThenBy(f => f.FileName, StringComparer.Ordinal)
                .First())
            .ToList();

        var numbered = unique.Where(f => f.Rotation.Kind == RotationKind.Numbered)
            .OrderByDescending(f => f.Rotation.Order).ThenBy(f => f.FileName, StringComparer.Ordinal).ToList();
        var dated = unique.Where(f => f.Rotation.Kind == RotationKind.Dated)
            .OrderBy(f => f.Rotation.Order).ThenBy(f => f.FileName, StringComparer.Ordinal).ToList();

        var ordered = new List<RotatedFile>(unique.Count);
        int n = 0, d = 0;
        while (n < numbered.Count || d < dated.Count)
        {
            var takeNumbered = d == dated.Count
                || (n < numbered.Count && numbered[n].LastWriteUtc <= dated[d].LastWriteUtc);
            ordered.Add(takeNumbered ? numbered[n++] : dated[d++]);
        }

        ordered.AddRange(unique.Where(f => f.Rotation.Kind == RotationKind.Current));
        return ordered;
    }

    private static string UncompressedName(RotatedFile file) => file.Rotation.Compression switch
    {
        CompressionSuffix.Gzip => file.FileName[..^".gz".Length],
        CompressionSuffix.BZip2 => file.FileName[..^".bz2".Length],
        _ => file.FileName,
    };

    private static int CompressionPreference(CompressionSuffix compression) => compression switch
    {
        CompressionSuffix.Gzip => 0,
        CompressionSuffix.BZip2 => 1,
        _ => 2,
    };
}
