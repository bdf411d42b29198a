namespace Postmeter.Ingest.Importing;

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
