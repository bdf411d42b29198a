namespace Postmeter.Ingest.Importing;

/// <summary>Observers that come with the importer.</summary>
public static class ImportObserver
{
    /// <summary>Observes nothing.</summary>
    public static IImportObserver None { get; } = new NoObserver();

    private sealed class NoObserver : IImportObserver
    {
        public void Reached(ImportStage stage, long count)
        {
        }
    }
}
