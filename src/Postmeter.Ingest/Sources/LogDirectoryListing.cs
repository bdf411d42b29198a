namespace Postmeter.Ingest.Sources;

/// <summary>What <see cref="LogDirectory.Scan(string, IReadOnlyList{string})"/> found: one series per pattern, in pattern order.</summary>
public sealed class LogDirectoryListing(string directory, IReadOnlyList<LogFileSeries> series)
{
    /// <summary>The directory's full path.</summary>
    public string Directory { get; } = directory;

    /// <summary>One series per pattern, in the order the patterns were given, including empty ones.</summary>
    public IReadOnlyList<LogFileSeries> Series { get; } = series;

    /// <summary>All files: series after series, each oldest first.</summary>
    public IEnumerable<string> Files => Series.SelectMany(q => q.Files);
}
