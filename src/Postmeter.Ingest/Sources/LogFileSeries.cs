namespace Postmeter.Ingest.Sources;

/// <summary>The files of one pattern (e.g. <c>mail.log</c>) in reading order: oldest archive first, current file last.</summary>
public sealed class LogFileSeries(string pattern, IReadOnlyList<string> files)
{
    public string Pattern { get; } = pattern;

    /// <summary>Full paths, oldest first; empty when the directory has no file of this pattern.</summary>
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>The file being written now (the pattern itself), or null when there are no files.</summary>
    public string? CurrentFile => Files.Count == 0 ? null : Files[^1];

    public override string ToString() => $"{Pattern}: {Files.Count} file(s)";
}
