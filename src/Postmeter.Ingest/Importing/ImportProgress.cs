namespace Postmeter.Ingest.Importing;

/// <summary>Where an import stands: bytes of the input files consumed (compressed bytes for archives) and lines read.</summary>
public readonly record struct ImportProgress(long BytesDone, long BytesTotal, long Lines, string CurrentSource, int SourcesDone, int SourcesTotal)
{
    /// <summary>The sources found at start are still being read.</summary>
    public bool Active => SourcesDone < SourcesTotal;
}
