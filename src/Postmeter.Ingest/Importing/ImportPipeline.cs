using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// The threads and state of one run: the tracker (restored from the store) on its thread, the commit assembler,
/// the store writer on its own, and whether the lookup indexes wait for the end of the first import.
/// </summary>
internal sealed class ImportPipeline : IDisposable
{
    /// <summary>A pause in live input this long lets the tracker commit what it has (see <see cref="CommitAssembler.OnIdle"/>).</summary>
    private static readonly TimeSpan LivePause = TimeSpan.FromMilliseconds(50);

    private readonly IImportWriter _store;
    private readonly HourlyLineStatistics _counts;
    private readonly ILogger _logger;
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private readonly StoreWriter _writer;
    private readonly CommitAssembler _assembler;
    private bool _indexesDeferred;
    private TimeSpan _indexTime;

    /// <param name="idle">Input may pause (live): commit when it does.</param>
    /// <param name="live">Lines arrive as written from the start (no catch-up first): commit often.</param>
    public ImportPipeline(
        IImportWriter store, ImportSettings settings, HourlyLineStatistics counts, IImportObserver observer, ILogger logger, bool idle, bool live)
    {
        _store = store;
        _counts = counts;
        _logger = logger;
        var state = store.LoadImportState();
        SavedSources = state.Sources;
        _indexesDeferred = store.DeferLookupIndexes();
        _writer = new StoreWriter(store, observer);
        _assembler = new CommitAssembler(_writer, settings, state.NextSequence);
        var tracker = new MessageTracker(_assembler, new TrackerOptions { KeepRawLines = true });
        SavedTrackerRestore.Into(tracker, store);
        _assembler.Tracker = tracker;
        _assembler.Live = idle && live;
        Processor = new PipelinedLogProcessor(tracker, counts, _assembler.OnMarker)
        {
            Idle = idle ? _assembler.OnIdle : null,
            IdleAfter = LivePause,
        };
    }

    /// <summary>Where each source stood at the last commit.</summary>
    public IReadOnlyList<SourceCheckpoint> SavedSources { get; }

    public PipelinedLogProcessor Processor { get; }

    /// <summary>
    /// Live: the first round read what was there; from now on lines come as they are written, so commits come
    /// often. Builds the lookup indexes a first import deferred, once all of it is written.
    /// </summary>
    public void CatchUpDone()
    {
        _assembler.Live = true;
        if (!_indexesDeferred)
        {
            return;
        }

        using var reached = new ManualResetEventSlim();
        Processor.Mark(new PositionMark(null, _counts.TakeCounts(), Final: true, reached));
        Processor.Flush();
        reached.Wait();
        _writer.WaitUntilWritten();
        RestoreIndexes();
    }

    /// <summary>Commits everything read, stops the threads and builds any deferred index unless <paramref name="stopping"/>.</summary>
    public void Finish(bool stopping)
    {
        Processor.Mark(new PositionMark(null, _counts.TakeCounts(), Final: true));
        Processor.Drain();
        _writer.Complete();
        if (stopping)
        {
            // Stopping must be quick; the store remembers the indexes are due, and the next import builds them.
            if (_indexesDeferred)
            {
                ImportLog.StoppedBeforeIndexes(_logger);
            }

            return;
        }

        RestoreIndexes();
    }

    public ImportSummary Summary(long linesRead, int sourcesRead, int sourcesUnchanged) => new(
        linesRead, sourcesRead, sourcesUnchanged, _writer.RecordsCommitted, _writer.Commits, _started.Elapsed)
    {
        CommitTime = _writer.CommitTime,
        SnapshotTime = _assembler.SnapshotTime,
        IndexTime = _indexTime,
    };

    public void Dispose()
    {
        Processor.Dispose();
        _writer.Dispose();
    }

    private void RestoreIndexes()
    {
        if (_indexesDeferred)
        {
            ImportLog.BuildingIndexes(_logger);
        }

        // Also after an earlier import was killed before building them (the store remembers).
        var indexing = Stopwatch.StartNew();
        _store.RestoreLookupIndexes();
        _indexTime += indexing.Elapsed;
        _indexesDeferred = false;
    }
}
