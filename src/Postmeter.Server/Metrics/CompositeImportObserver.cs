using Postmeter.Ingest.Importing;
using Postmeter.Storage;

namespace Postmeter.Server.Metrics;

/// <summary>Tells several observers, in order.</summary>
internal sealed class CompositeImportObserver(params IImportObserver[] observers) : IImportObserver
{
    public void Reached(ImportStage stage, long count)
    {
        foreach (var observer in observers)
        {
            observer.Reached(stage, count);
        }
    }

    public void Committed(CommitBatch batch, TimeSpan took)
    {
        foreach (var observer in observers)
        {
            observer.Committed(batch, took);
        }
    }
}
