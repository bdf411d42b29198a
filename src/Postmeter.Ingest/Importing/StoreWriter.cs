using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>Commits batches on a thread of its own, so tracking goes on while the store writes; at most one waits.</summary>
internal sealed class StoreWriter : IDisposable
{
    private readonly BlockingCollection<CommitBatch> _queue = new(1);
    private readonly IWorkspaceStore _store;
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    public StoreWriter(IWorkspaceStore store)
    {
        _store = store;
        _thread = new Thread(Write) { IsBackground = true, Name = "postmeter-store-writer" };
        _thread.Start();
    }

    public long Commits { get; private set; }

    public long RecordsCommitted { get; private set; }

    /// <summary>Time spent inside the store's commits.</summary>
    public TimeSpan CommitTime => _commitTime.Elapsed;

    private readonly System.Diagnostics.Stopwatch _commitTime = new();

    public void Enqueue(CommitBatch batch)
    {
        _failure?.Throw();
        try
        {
            _queue.Add(batch);
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            _failure.Throw();
        }
    }

    /// <summary>Waits until every batch handed over is committed; rethrows a failed commit.</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _failure?.Throw();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _thread.Join();
        _queue.Dispose();
    }

    private void Write()
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                TestKillSwitch.At(KillPoint.BeforeCommit, Commits + 1);
                TestKillSwitch.Entering(KillPoint.DuringCommit, Commits + 1);
                _commitTime.Start();
                _store.Commit(batch);
                _commitTime.Stop();
                Commits++;
                RecordsCommitted += batch.Records.Count;
                TestKillSwitch.At(KillPoint.AfterCommit, Commits);
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            _queue.CompleteAdding();
        }
    }
}
