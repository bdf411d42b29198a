using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Processing;

/// <summary>
/// The same work as <see cref="LogProcessor"/> on two threads: the caller's thread reads, parses and counts lines;
/// a worker thread tracks messages and feeds the sink. Parsed lines cross over in reusable batches, so memory stays
/// bounded (a few batches in flight) and the sink is only ever called from the worker.
/// </summary>
public sealed class PipelinedLogProcessor : IDisposable
{
    private const int BatchLines = 4096;
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<EventBatch> _full = new(BatchesInFlight);
    private readonly BlockingCollection<EventBatch> _free = new(BatchesInFlight + 1);
    private readonly Thread _worker;
    private EventBatch _current;
    private ExceptionDispatchInfo? _workerFailure;
    private bool _completed;

    public PipelinedLogProcessor(MessageTracker tracker, LineStatistics statistics)
    {
        Tracker = tracker;
        Statistics = statistics;
        for (var i = 0; i < BatchesInFlight; i++)
        {
            _free.Add(new EventBatch(BatchLines));
        }

        _current = new EventBatch(BatchLines);
        _worker = new Thread(Track) { IsBackground = true, Name = "postmeter-tracker" };
        _worker.Start();
    }

    public MessageTracker Tracker { get; }

    public LineStatistics Statistics { get; }

    public void ProcessLine(EnvelopeParser envelopes, ReadOnlySpan<byte> line)
    {
        if (!Statistics.Read(envelopes, line, out var envelope, out var e))
        {
            return;
        }

        _current.Add(envelope, e);
        if (_current.IsFull)
        {
            Hand(_current);
            _current = TakeFree();
        }
    }

    /// <summary>Tracks what is left, ends tracking (see <see cref="MessageTracker.Complete"/>) and waits for the worker.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        Hand(_current);
        _full.CompleteAdding();
        _worker.Join();
        _workerFailure?.Throw();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _full.CompleteAdding();
            _worker.Join();
        }

        _full.Dispose();
        _free.Dispose();
    }

    private void Hand(EventBatch batch)
    {
        _workerFailure?.Throw();
        try
        {
            _full.Add(batch);
        }
        catch (InvalidOperationException) when (_workerFailure is not null)
        {
            _workerFailure.Throw();
        }
    }

    private EventBatch TakeFree()
    {
        while (true)
        {
            _workerFailure?.Throw();
            if (_free.TryTake(out var batch, 100))
            {
                return batch;
            }
        }
    }

    private void Track()
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    batch.Get(i, out var envelope, out var e);
                    Tracker.Process(envelope, e);
                }

                batch.Clear();
                _free.Add(batch);
            }

            Tracker.Complete();
        }
        catch (Exception e)
        {
            _workerFailure = ExceptionDispatchInfo.Capture(e);
            _full.CompleteAdding();
        }
    }
}
