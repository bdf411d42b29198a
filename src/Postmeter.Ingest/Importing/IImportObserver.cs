using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Told of each stage an import reaches, on the thread that reaches it, and of each durable commit. The server counts
/// commits for <c>/metrics</c>; the crash-safety tests run a host of their own whose observer kills the process at a
/// chosen stage, to prove that a crash anywhere loses and repeats nothing.
/// </summary>
public interface IImportObserver
{
    void Reached(ImportStage stage, long count);

    /// <summary>A commit became durable (on the store writer's thread): what it held, and how long the store took.</summary>
    void Committed(CommitBatch batch, TimeSpan took)
    {
    }
}
