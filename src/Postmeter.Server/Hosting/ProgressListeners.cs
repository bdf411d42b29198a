using Postmeter.Ingest.Importing;

namespace Postmeter.Server.Hosting;

/// <summary>Tells every listener of an import's progress: the terminal or log display, and the API's state.</summary>
internal sealed class ProgressListeners(params IImportProgressListener[] listeners) : IImportProgressListener
{
    public void Report(ImportProgress progress)
    {
        foreach (var listener in listeners)
        {
            listener.Report(progress);
        }
    }
}
