using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Postmeter.Core.Tracking;
using Postmeter.Storage;
using Postmeter.Storage.Rollups;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Writes to the store on a thread of its own, so tracking goes on while the store writes: records in small chunks
/// as the tracker emits them (so they are written while still young, and the garbage collector never has to carry
/// a commit's worth of messages), and commit points after them. At most a few chunks wait.
/// </summary>
internal sealed class StoreWriter : IDisposable
{
    private const int ChunksWaiting = 8;

    private readonly BlockingCollection<Work> _queue = new(ChunksWaiting);
    private readonly IImportWriter _store;
    private readonly IImportObserver _observer;
    private readonly Thread _thread;
    private readonly Stopwatch _commitTime = new();

    // The rollup increments of the records appended since the last commit, computed here (not by the store) so every store gets the same.
    private readonly RollupIncrements _appendedRollups = new();
    private ExceptionDispatchInfo? _failure;
    private long _appended;

    public StoreWriter(IImportWriter store, IImportObserver observer)
    {
        _store = store;
        _observer = observer;
        _thread = new Thread(Write) { IsBackground = true, Name = "postmeter-store-writer" };
        _thread.Start();
    }

    public long Commits { get; private set; }

    public long RecordsCommitted { get; private set; }

    /// <summary>Time spent writing records and commits into the store.</summary>
    public TimeSpan CommitTime => _commitTime.Elapsed;

    /// <summary>Hands over records to be written into the open commit.</summary>
    public void Append(List<EmittedRecord> records) => Enqueue(new Work(records, null, null, null));

    /// <summary>Hands over part of the tracker's saved messages, to be written into the open commit.</summary>
    public void AppendTrackerMessages(TrackerMessageRows part) => Enqueue(new Work(null, part, null, null));

    /// <summary>Hands over a commit point: it commits every record handed over before it.</summary>
    public void Commit(CommitBatch batch) => Enqueue(new Work(null, null, batch, null));

    /// <summary>Waits until everything handed over so far is written (the writer goes on afterwards); rethrows a failed write.</summary>
    public void WaitUntilWritten()
    {
        using var written = new ManualResetEventSlim();
        Enqueue(new Work(null, null, null, written));
        while (!written.Wait(100))
        {
            _failure?.Throw();
        }
    }

    /// <summary>Waits until everything handed over is written; rethrows a failed write.</summary>
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

    private void Enqueue(Work work)
    {
        _failure?.Throw();
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException) when (_failure is not null)
        {
            _failure.Throw();
        }
    }

    private void Write()
    {
        try
        {
            foreach (var work in _queue.GetConsumingEnumerable())
            {
                _commitTime.Start();
                if (work.Records is { } records)
                {
                    foreach (var record in records)
                    {
                        _store.Append(record);
                        _appendedRollups.Add(record);
                    }

                    _appended += records.Count;
                }
                else if (work.TrackerMessages is { } part)
                {
                    _store.AppendTrackerMessages(part);
                }
                else if (work.Point is { } point)
                {
                    CommitNow(point);
                }
                else
                {
                    work.Written!.Set();
                }

                _commitTime.Stop();
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            _queue.CompleteAdding();
        }
    }

    private void CommitNow(CommitBatch point)
    {
        point.Rollups.Add(_appendedRollups);
        _appendedRollups.Clear();
        _observer.Reached(ImportStage.CommitReady, Commits + 1);
        _observer.Reached(ImportStage.CommitWriting, Commits + 1);
        var started = Stopwatch.GetTimestamp();
        _store.Commit(point);
        _observer.Committed(point, Stopwatch.GetElapsedTime(started));
        Commits++;
        RecordsCommitted += _appended + point.Records.Count;
        _appended = 0;
        _observer.Reached(ImportStage.CommitDurable, Commits);
    }

    /// <summary>Records or tracker rows to append, a commit point, or an event to set once everything before it is written.</summary>
    private sealed record Work(List<EmittedRecord>? Records, TrackerMessageRows? TrackerMessages, CommitBatch? Point, ManualResetEventSlim? Written);
}
