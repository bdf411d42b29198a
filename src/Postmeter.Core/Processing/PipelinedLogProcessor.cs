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
/// <remarks>
/// The caller can place markers between lines (<see cref="Mark"/>): the worker hands each one to
/// <paramref name="markerReached"/> once every line before it has been tracked, and before any line after it. That
/// is where an importer commits what the tracker emitted together with the position the marker names.
/// For live input, <see cref="Idle"/> is called on the worker when no batch came for <see cref="IdleAfter"/> and the
/// last thing tracked was a marker: the tracker then stands exactly at that marker, a point to commit at.
/// </remarks>
public sealed class PipelinedLogProcessor(MessageTracker tracker, ILineCounter counter, Action<object>? markerReached = null) : IDisposable
{
    private const int BatchLines = 4096;
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<EventBatch> _full = new(BatchesInFlight);
    private readonly BlockingCollection<EventBatch> _free = CreateFreeBatches();
    private EventBatch _current = new(BatchLines);
    private Thread? _worker;
    private ExceptionDispatchInfo? _workerFailure;
    private bool _completed;
    private bool _endTracking;
    private bool _linesSinceMarker;

    /// <summary>Called on the worker when input paused right after a marker (see the remarks on the class).</summary>
    public Action? Idle { get; init; }

    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMilliseconds(200);

    public MessageTracker Tracker { get; } = tracker;

    public ILineCounter Counter { get; } = counter;

    /// <summary>Whether raw lines travel with the parsed ones (the tracker keeps them).</summary>
    private bool KeepRawLines { get; } = tracker.KeepsRawLines;

    public void ProcessLine(EnvelopeParser envelopes, ReadOnlySpan<byte> line)
    {
        if (!LineReading.Read(Counter, envelopes, line, out var envelope, out var e) || !Tracker.Needs(e.Kind, e.QueueId))
        {
            return;
        }

        _current.Add(envelope, e, KeepRawLines ? line : default);
        if (_current.IsFull)
        {
            HandCurrent();
        }
    }

    /// <summary>Places a marker after the lines processed so far (see the remarks on the class).</summary>
    public void Mark(object marker)
    {
        _current.Mark(marker);
        if (_current.Markers.Count >= BatchLines)
        {
            HandCurrent();
        }
    }

    /// <summary>Sends the lines and markers so far to the worker without waiting for a full batch (for live input).</summary>
    public void Flush()
    {
        if (!_current.IsEmpty)
        {
            HandCurrent();
        }
    }

    /// <summary>Tracks what is left, ends tracking (see <see cref="MessageTracker.Complete"/>) and waits for the worker.</summary>
    public void Complete() => Finish(endTracking: true);

    /// <summary>Tracks what is left and waits for the worker, leaving messages in flight in the tracker (to be saved).</summary>
    public void Drain() => Finish(endTracking: false);

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _full.CompleteAdding();
            _worker?.Join();
        }

        _full.Dispose();
        _free.Dispose();
    }

    private static BlockingCollection<EventBatch> CreateFreeBatches()
    {
        var free = new BlockingCollection<EventBatch>(BatchesInFlight + 1);
        for (var i = 0; i < BatchesInFlight; i++)
        {
            free.Add(new EventBatch(BatchLines));
        }

        return free;
    }

    private void Finish(bool endTracking)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _endTracking = endTracking;
        Hand(_current);
        _full.CompleteAdding();
        StartWorker().Join();
        _workerFailure?.Throw();
    }

    private void HandCurrent()
    {
        Hand(_current);
        _current = TakeFree();
    }

    private Thread StartWorker()
    {
        if (_worker is null)
        {
            _worker = new Thread(Track) { IsBackground = true, Name = "postmeter-tracker" };
            _worker.Start();
        }

        return _worker;
    }

    private void Hand(EventBatch batch)
    {
        StartWorker();
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
            while (TakeFull(out var batch))
            {
                TrackBatch(batch);
                batch.Clear();
                _free.Add(batch);
            }

            if (_endTracking)
            {
                Tracker.Complete();
            }
        }
        catch (Exception e)
        {
            _workerFailure = ExceptionDispatchInfo.Capture(e);
            _full.CompleteAdding();
        }
    }

    /// <summary>The next batch to track, calling <see cref="Idle"/> while waiting for it; false once input ended.</summary>
    private bool TakeFull(out EventBatch batch)
    {
        if (Idle is null)
        {
            return _full.TryTake(out batch!, Timeout.Infinite);
        }

        while (!_full.TryTake(out batch!, IdleAfter))
        {
            if (_full.IsCompleted)
            {
                return false;
            }

            if (!_linesSinceMarker)
            {
                Idle();
            }
        }

        return true;
    }

    private void TrackBatch(EventBatch batch)
    {
        var markers = batch.Markers;
        var nextMarker = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            while (nextMarker < markers.Count && markers[nextMarker].Index == i)
            {
                markerReached?.Invoke(markers[nextMarker++].Marker);
                _linesSinceMarker = false;
            }

            _linesSinceMarker = true;
            batch.Get(i, out var envelope, out var e);
            Tracker.Process(envelope, e, KeepRawLines ? batch.RawLine(i) : default);
        }

        while (nextMarker < markers.Count)
        {
            markerReached?.Invoke(markers[nextMarker++].Marker);
            _linesSinceMarker = false;
        }
    }
}
