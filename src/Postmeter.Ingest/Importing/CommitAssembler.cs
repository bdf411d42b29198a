using System.Diagnostics;
using Postmeter.Core.Tracking;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Runs on the tracking thread: collects what the tracker emits and, at position marks, turns it into commit
/// batches holding the rows, the positions the marks name and the tracker's state at that very point.
/// </summary>
internal sealed class CommitAssembler(StoreWriter writer, ImportSettings settings, long nextSequence) : ITrackingSink
{
    private readonly Dictionary<string, SourceCheckpoint> _positions = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceCommit = Stopwatch.StartNew();
    private CommitBatch _batch = new();
    private long _nextSequence = nextSequence;

    public MessageTracker? Tracker { get; set; }

    public long RecordsEmitted { get; private set; }

    /// <summary>Time spent saving the tracker's state at commit points.</summary>
    public TimeSpan SnapshotTime => _snapshotTime.Elapsed;

    private readonly Stopwatch _snapshotTime = new();

    public void OnMessage(TrackedMessage message) => Add(new EmittedRecord(_nextSequence++, message, null, null));

    public void OnReject(RejectRecord reject) => Add(new EmittedRecord(_nextSequence++, null, reject, null));

    public void OnAuthFailure(AuthFailureRecord failure) => Add(new EmittedRecord(_nextSequence++, null, null, failure));

    public void OnMarker(object marker)
    {
        var mark = (PositionMark)marker;
        if (mark.Checkpoint is { } checkpoint)
        {
            _positions[checkpoint.Key] = checkpoint;
        }

        foreach (var (hour, counts) in mark.Counts)
        {
            if (_batch.LineCounts.TryGetValue(hour, out var existing))
            {
                existing.Add(counts);
            }
            else
            {
                _batch.LineCounts[hour] = counts;
            }
        }

        if (mark.Final || _batch.Records.Count >= settings.CommitRecords || _sinceCommit.Elapsed >= settings.CommitInterval)
        {
            Commit();
        }
    }

    private void Add(EmittedRecord record)
    {
        _batch.Records.Add(record);
        RecordsEmitted++;
    }

    private void Commit()
    {
        var tracker = Tracker ?? throw new InvalidOperationException("The tracker was not attached.");
        _batch.Sources.AddRange(_positions.Values);
        _positions.Clear();
        _snapshotTime.Start();
        _batch.TrackerState = tracker.Snapshot().ToBytes();
        _snapshotTime.Stop();
        _batch.NextSequence = _nextSequence;
        writer.Enqueue(_batch);
        _batch = new CommitBatch();
        _sinceCommit.Restart();
    }
}
