using System.Diagnostics;
using Postmeter.Core.Tracking;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Runs on the tracking thread: hands what the tracker emits to the store writer in small chunks and, at position
/// marks, takes commit points: the positions the marks name and the tracker's state at that very point, committed
/// with every record handed over before.
/// </summary>
internal sealed class CommitAssembler(StoreWriter writer, ImportSettings settings, long nextSequence) : ITrackingSink
{
    private const int ChunkSize = 256;

    // A part of about 1 MB: with a few parts waiting for the writer, a save of any queue holds a few MB of rows.
    private const int TrackerRowsPerPart = 1024;

    private readonly Dictionary<string, SourceCheckpoint> _positions = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceCommitTime = Stopwatch.StartNew();
    private readonly Stopwatch _snapshotTime = new();
    private readonly IncrementalTrackerState _state = new();
    private TimeSpan _lastSnapshot;
    private volatile bool _live;
    private CommitBatch _batch = new();
    private List<EmittedRecord> _chunk = new(ChunkSize);
    private long _sinceCommit;
    private long _nextSequence = nextSequence;

    public MessageTracker? Tracker { get; set; }

    public long RecordsEmitted { get; private set; }

    /// <summary>
    /// Whether lines now arrive as they are written (after a follower's catch-up, or from a live feed): commits then
    /// come every <see cref="ImportSettings.LiveCommitSpacing"/> instead of every <see cref="ImportSettings.CommitInterval"/>.
    /// Set from the reading thread.
    /// </summary>
    public bool Live
    {
        get => _live;
        set => _live = value;
    }

    /// <summary>Time spent saving the tracker's state at commit points.</summary>
    public TimeSpan SnapshotTime => _snapshotTime.Elapsed;

    public void OnMessage(TrackedMessage message) => Add(new EmittedMessage(_nextSequence++, message));

    public void OnReject(RejectRecord reject) => Add(new EmittedReject(_nextSequence++, reject));

    public void OnAuthFailure(AuthFailureRecord failure) => Add(new EmittedAuthFailure(_nextSequence++, failure));

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

        if (mark.Final || _sinceCommit >= settings.CommitRecords || _sinceCommitTime.Elapsed >= Spacing)
        {
            Commit();
        }

        mark.Reached?.Set();
    }

    /// <summary>
    /// Live input paused right after a mark (the tracker stands at it): commits what is pending, so what was read
    /// becomes visible without waiting for more lines, unless the last commit is too recent (the next pause retries).
    /// </summary>
    public void OnIdle()
    {
        if ((_sinceCommit > 0 || _positions.Count > 0 || _batch.LineCounts.Count > 0) && _sinceCommitTime.Elapsed >= Spacing)
        {
            Commit();
        }
    }

    /// <summary>The least time between two commits that are not forced (by size or the end).</summary>
    private TimeSpan Spacing => Live
        ? TimeSpan.FromTicks(Math.Max(settings.LiveCommitSpacing.Ticks, _lastSnapshot.Ticks * 10))
        : settings.CommitInterval;

    private void Add(EmittedRecord record)
    {
        _chunk.Add(record);
        _sinceCommit++;
        RecordsEmitted++;
        if (_chunk.Count == ChunkSize)
        {
            HandOver();
        }
    }

    private void HandOver()
    {
        writer.Append(_chunk);
        _chunk = new List<EmittedRecord>(ChunkSize);
    }

    private void Commit()
    {
        var tracker = Tracker ?? throw new InvalidOperationException("The tracker was not attached.");
        if (_chunk.Count > 0)
        {
            HandOver();
        }

        _batch.Sources.AddRange(_positions.Values);
        _positions.Clear();
        var snapshotStarted = _snapshotTime.Elapsed;
        _snapshotTime.Start();
        var state = _state.Take(tracker, writer.AppendTrackerMessages, TrackerRowsPerPart);
        _batch.TrackerState = state.Header;
        _batch.TrackerMessages = state.Messages;
        _snapshotTime.Stop();
        _lastSnapshot = _snapshotTime.Elapsed - snapshotStarted;
        _batch.NextSequence = _nextSequence;
        writer.Commit(_batch);
        _batch = new CommitBatch();
        _sinceCommit = 0;
        _sinceCommitTime.Restart();
    }
}
