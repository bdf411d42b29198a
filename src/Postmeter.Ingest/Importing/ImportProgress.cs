namespace Postmeter.Ingest.Importing;

/// <summary>Where an import stands: bytes of the input files consumed (compressed bytes for archives) and lines read.</summary>
public readonly record struct ImportProgress(long BytesDone, long BytesTotal, long Lines, string CurrentSource, int SourcesDone, int SourcesTotal);

/// <summary>Receives <see cref="ImportProgress"/> every few thousand lines, on the reading thread; keep it cheap.</summary>
public interface IImportProgressListener
{
    void Report(ImportProgress progress);

    /// <summary>A source was skipped or resumed (already imported, empty), with why.</summary>
    void Note(string message);
}

/// <summary>What an import did.</summary>
public sealed record ImportSummary(long LinesRead, int SourcesRead, int SourcesUnchanged, long RecordsCommitted, long Commits, TimeSpan Elapsed)
{
    /// <summary>Time the store spent in commits (on its own thread).</summary>
    public TimeSpan CommitTime { get; init; }

    /// <summary>Time spent saving the tracker's state (on the tracking thread).</summary>
    public TimeSpan SnapshotTime { get; init; }

    /// <summary>Time spent building the lookup indexes after a first import.</summary>
    public TimeSpan IndexTime { get; init; }
}
