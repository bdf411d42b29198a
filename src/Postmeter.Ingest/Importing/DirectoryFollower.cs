using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Postmeter.Core.Processing;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;
using Postmeter.Storage.FileSystem;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Follows log files into a workspace (<c>-watch_dir</c>, <c>-log_file</c>): reads what is there, then whatever grows or
/// appears, each commit holding rows, positions and the tracker's state together (see docs/workspace-store.md).
/// </summary>
public sealed class DirectoryFollower(
    IImportWriter store,
    ImportSettings settings,
    TimeProvider clock,
    IImportObserver? observer = null,
    ILogger<DirectoryFollower>? logger = null,
    IImportProgressListener? progress = null)
{
    private const int StableListingAttempts = 20;

    private static readonly TimeSpan StableListingPause = TimeSpan.FromMilliseconds(20);

    private readonly IImportObserver _observer = observer ?? ImportObserver.None;
    private readonly ILogger _logger = logger ?? NullLogger<DirectoryFollower>.Instance;

    /// <summary>The files last found read to their end, with their size and time then.</summary>
    private readonly Dictionary<string, FileState> _finished = new(StringComparer.Ordinal);

    /// <summary>
    /// Imports what <paramref name="listInputs"/> names, then keeps following it until <paramref name="stop"/>: every
    /// <see cref="ImportSettings.PollInterval"/> (sooner when <paramref name="changed"/> is signalled) the inputs are
    /// listed again and whatever grew or appeared is read on from its committed position. Rotation needs nothing
    /// special: a file is known by its content, so a renamed or compressed one is read on where it stood (or found
    /// complete), and a new or truncated-and-refilled one is a new source read from its start. A line still being
    /// written (no newline yet) waits for the next round. What is read is committed within about a second.
    /// </summary>
    public ImportSummary Follow(Func<IReadOnlyList<LogInput>> listInputs, CancellationToken stop, WaitHandle? changed = null)
    {
        var counts = new HourlyLineStatistics();
        using var pipeline = new ImportPipeline(store, settings, counts, _observer, _logger, idle: true, live: false);
        // Progress is told during the catch-up (the first round) only: after it, lines come as they are written.
        var catchUp = progress is null ? null : new CatchUpProgress(progress);
        var reader = new SourceReader(settings, clock, counts, _observer, _logger, catchUp, pipeline.SavedSources, stop);
        var read = 0;
        var followed = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (true)
        {
            var (inputs, listed) = StableListing(listInputs, stop);
            var relist = false;
            var sizes = first ? inputs.Select(i => LogFileInfo.SizeOrZero(i.Path)).ToArray() : [];
            var total = sizes.Sum();
            long bytesBefore = 0;
            for (var i = 0; i < inputs.Count && !relist; i++)
            {
                try
                {
                    var progressBase = first ? new ImportProgress(bytesBefore, total, reader.LinesRead, inputs[i].DisplayName, i, inputs.Count) : default;
                    bytesBefore += first ? sizes[i] : 0;
                    // Counted once per file name, however many times it grew.
                    if (ReadIfChanged(inputs[i], listed[i], reader, pipeline.Processor, progressBase, stop) && followed.Add(inputs[i].Path))
                    {
                        read++;
                    }
                }
                catch (SourceMovedException e)
                {
                    ImportLog.ListingAgain(_logger, e.Message);
                    relist = true;
                }

                if (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            if (relist && !stop.IsCancellationRequested)
            {
                continue;
            }

            pipeline.Processor.Flush();
            if (first && !stop.IsCancellationRequested)
            {
                first = false;
                catchUp?.Finish(new ImportProgress(total, total, reader.LinesRead, string.Empty, inputs.Count, inputs.Count));
                pipeline.CatchUpDone();
                ImportLog.Following(_logger, inputs.Count);
            }

            if (stop.IsCancellationRequested || WaitHandle.WaitAny([stop.WaitHandle, changed ?? stop.WaitHandle], settings.PollInterval) == 0)
            {
                break;
            }
        }

        pipeline.Finish(stop.IsCancellationRequested);
        return pipeline.Summary(reader.LinesRead, read, sourcesUnchanged: 0);
    }

    /// <summary>
    /// The files and their identities, listed twice the same way in a row: a rotation caught half-done (some files
    /// renamed, others not yet) would read them out of order. A rotation that starts after this is noticed when a
    /// listed path opens another file (<see cref="SourceMovedException"/>).
    /// </summary>
    private static (IReadOnlyList<LogInput> Inputs, List<FileStatus?> Identities) StableListing(Func<IReadOnlyList<LogInput>> listInputs, CancellationToken stop)
    {
        var inputs = listInputs();
        var identities = Identities(inputs);
        for (var attempt = 0; attempt < StableListingAttempts && !stop.IsCancellationRequested; attempt++)
        {
            var again = listInputs();
            var againIdentities = Identities(again);
            if (again.SequenceEqual(inputs) && againIdentities.SequenceEqual(identities))
            {
                break;
            }

            (inputs, identities) = (again, againIdentities);
            stop.WaitHandle.WaitOne(StableListingPause);
        }

        return (inputs, identities);
    }

    private static List<FileStatus?> Identities(IReadOnlyList<LogInput> inputs) => [.. inputs.Select(i => FileStatus.OfPath(i.Path, followLinks: true))];

    /// <summary>In a live round: reads a file unless it is exactly as it was when last found fully read.</summary>
    private bool ReadIfChanged(
        LogInput input, FileStatus? listedAs, SourceReader reader, PipelinedLogProcessor processor, ImportProgress progressBase, CancellationToken stop)
    {
        var seen = FileState.Of(input.Path);
        if (seen is null || (_finished.TryGetValue(input.Path, out var finished) && finished == seen))
        {
            return false;
        }

        try
        {
            var read = reader.Read(input, () => throw new InvalidOperationException("standard input is not followed here"), processor, progressBase, live: true, listedAs);
            if (!stop.IsCancellationRequested)
            {
                _finished[input.Path] = seen;
            }

            return read;
        }
        catch (LogInputException e) when (!File.Exists(input.Path))
        {
            // Renamed or deleted between listing and reading (rotation at work): the next round finds it again.
            ImportLog.GoneWhileReading(_logger, input.DisplayName, e.Message);
            _finished.Remove(input.Path);
            return false;
        }
    }

    /// <summary>A file's size and modification time: unchanged, it holds nothing new.</summary>
    private sealed record FileState(long Length, DateTime LastWrite)
    {
        public static FileState? Of(string path)
        {
            var info = LogFileInfo.Of(path);
            return info.Exists ? new FileState(info.Length, info.LastWriteTimeUtc) : null;
        }
    }

    /// <summary>Passes progress on until the catch-up ends, then nothing.</summary>
    private sealed class CatchUpProgress(IImportProgressListener inner) : IImportProgressListener
    {
        private bool _done;

        public void Report(ImportProgress progress)
        {
            if (!_done)
            {
                inner.Report(progress);
            }
        }

        public void Finish(ImportProgress final)
        {
            inner.Report(final);
            _done = true;
        }
    }
}
