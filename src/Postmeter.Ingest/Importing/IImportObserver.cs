namespace Postmeter.Ingest.Importing;

/// <summary>
/// Told of each stage an import reaches, on the thread that reaches it. The shipped program observes nothing
/// (<see cref="ImportObserver.None"/>); the crash-safety tests run a host of their own whose observer kills the process
/// at a chosen stage, to prove that a crash anywhere loses and repeats nothing.
/// </summary>
public interface IImportObserver
{
    void Reached(ImportStage stage, long count);
}
