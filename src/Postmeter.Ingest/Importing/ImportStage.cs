namespace Postmeter.Ingest.Importing;

/// <summary>Moments of an import that an <see cref="IImportObserver"/> is told about, each with its running count.</summary>
public enum ImportStage
{
    /// <summary>The Nth line read by this process was handed on.</summary>
    LineRead,

    /// <summary>The Nth source of this process is about to be opened.</summary>
    SourceOpening,

    /// <summary>The Nth commit is ready, before its transaction begins.</summary>
    CommitReady,

    /// <summary>The Nth commit's transaction is about to be written (the observer is told on the writing thread).</summary>
    CommitWriting,

    /// <summary>The Nth commit's transaction is durable.</summary>
    CommitDurable,
}
