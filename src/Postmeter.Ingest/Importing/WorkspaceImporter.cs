using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Reads log sources into a workspace exactly once. Lines are parsed on the calling thread, tracked on a second,
/// committed on a third; every commit holds the rows, each source's position and the tracker's state together (see
/// docs/workspace-store.md), so an import killed at any moment and started again ends with the data of an
/// uninterrupted one, and importing the same files again adds nothing.
/// </summary>
public sealed class WorkspaceImporter(
    IImportWriter store,
    ImportSettings settings,
    TimeProvider clock,
    IImportProgressListener? progress = null,
    IImportObserver? observer = null,
    ILogger<WorkspaceImporter>? logger = null)
{
    private readonly IImportObserver _observer = observer ?? ImportObserver.None;
    private readonly ILogger _logger = logger ?? NullLogger<WorkspaceImporter>.Instance;
    private readonly Dictionary<string, SourceCheckpoint> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _prefixesRead = new(StringComparer.Ordinal);
    private readonly HourlyLineStatistics _counts = new();

    /// <summary>Live rounds: the files last found read to their end, with their size and time then.</summary>
    private readonly Dictionary<string, FileState> _finished = new(StringComparer.Ordinal);
    private long _linesThisRun;

    /// <summary>SIGTERM or SIGINT: reading stops after the current line, and what was read is committed.</summary>
    private CancellationToken _stop;
    private int _sourcesOpened;
    private int _read;
    private int _unchanged;

    /// <summary>Imports <paramref name="inputs"/> in order; <paramref name="openStdin"/> opens standard input when one of them is <c>-</c>.</summary>
    /// <param name="live">
    /// Standard input is a live feed (<c>tail -F mail.log | postmeter -stdin</c>): what arrives is committed within
    /// about a second, not only every few thousand lines, and the import ends when the feed does.
    /// </param>
    /// <param name="stop">Ends the import early: after the line being read, with what was read committed.</param>
    public ImportSummary Import(IReadOnlyList<LogInput> inputs, Func<Stream> openStdin, bool live = false, CancellationToken stop = default)
    {
        _stop = stop;
        using var pipeline = OpenPipeline(idle: live, live: live);
        var sizes = inputs.Select(i => i.IsStandardInput ? 0 : SizeOf(i.Path)).ToArray();
        var total = sizes.Sum();
        long bytesBefore = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var progressBase = new ImportProgress(bytesBefore, total, 0, inputs[i].DisplayName, i, inputs.Count);
            if (ImportOne(inputs[i], openStdin, pipeline.Processor, progressBase, live && inputs[i].IsStandardInput))
            {
                _read++;
            }
            else
            {
                _unchanged++;
            }

            bytesBefore += sizes[i];
            if (stop.IsCancellationRequested)
            {
                break;
            }
        }

        pipeline.Finish(_stop.IsCancellationRequested);
        progress?.Report(new ImportProgress(total, total, _linesThisRun, string.Empty, inputs.Count, inputs.Count));
        return pipeline.Summary(_linesThisRun, _read, _unchanged);
    }

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
        _stop = stop;
        using var pipeline = OpenPipeline(idle: true, live: false);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (true)
        {
            var inputs = listInputs();
            foreach (var input in inputs)
            {
                // Counted once per file name, however many times it grew.
                if (ReadIfChanged(input, pipeline.Processor) && followed.Add(input.Path))
                {
                    _read++;
                }

                if (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            pipeline.Processor.Flush();
            if (first && !stop.IsCancellationRequested)
            {
                first = false;
                pipeline.CatchUpDone();
                ImportLog.Following(_logger, inputs.Count);
            }

            if (stop.IsCancellationRequested || WaitHandle.WaitAny([stop.WaitHandle, changed ?? stop.WaitHandle], settings.PollInterval) == 0)
            {
                break;
            }
        }

        pipeline.Finish(_stop.IsCancellationRequested);
        return pipeline.Summary(_linesThisRun, _read, _unchanged);
    }

    /// <summary>
    /// Reads what network listeners put into <paramref name="feed"/> (log sockets, syslog) until <paramref name="stop"/>,
    /// committing as it comes. Lines are dated by a clock per sender; there is no position to resume at (what a
    /// sender sent while Postmeter was down is its to resend), but the tracker's state carries over a restart.
    /// </summary>
    public ImportSummary Receive(Network.LineFeed feed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var pipeline = OpenPipeline(idle: true, live: true);
        pipeline.CatchUpDone();
        var parsers = new Dictionary<string, EnvelopeParser>(StringComparer.Ordinal);
        var sinceMark = 0;
        while (!stop.IsCancellationRequested)
        {
            if (!feed.TryTake(out var chunk, settings.PollInterval, stop))
            {
                continue;
            }

            if (!parsers.TryGetValue(chunk.Client, out var envelopes))
            {
                var yearClock = new YearlessClock(settings.Zone, settings.StartingYear, clock.GetUtcNow().UtcDateTime);
                parsers[chunk.Client] = envelopes = new EnvelopeParser(settings.Format, yearClock);
            }

            var lines = chunk.Lines.AsSpan();
            while (!lines.IsEmpty)
            {
                var newline = lines.IndexOf((byte)'\n');
                var line = newline < 0 ? lines : lines[..newline];
                lines = newline < 0 ? [] : lines[(newline + 1)..];
                pipeline.Processor.ProcessLine(envelopes, line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line);
                _linesThisRun++;
                sinceMark++;
            }

            // A mark whenever the feed runs dry (and every few thousand lines), so the tracking thread can commit there.
            if (feed.IsEmpty || sinceMark >= settings.MarkEveryLines)
            {
                sinceMark = 0;
                pipeline.Processor.Mark(new PositionMark(null, _counts.TakeCounts(), Final: false));
                pipeline.Processor.Flush();
            }
        }

        pipeline.Finish(_stop.IsCancellationRequested);
        return pipeline.Summary(_linesThisRun, _read, _unchanged);
    }

    /// <summary>Starts the threads of a run and learns where each source stood at the last commit.</summary>
    private ImportPipeline OpenPipeline(bool idle, bool live)
    {
        var pipeline = new ImportPipeline(store, settings, _counts, _observer, _logger, idle, live);
        foreach (var checkpoint in pipeline.SavedSources)
        {
            _known[checkpoint.Key] = checkpoint;
        }

        return pipeline;
    }

    /// <summary>In a live round: reads a file unless it is exactly as it was when last found fully read.</summary>
    private bool ReadIfChanged(LogInput input, PipelinedLogProcessor processor)
    {
        var seen = FileState.Of(input.Path);
        if (seen is null || (_finished.TryGetValue(input.Path, out var finished) && finished == seen))
        {
            return false;
        }

        try
        {
            var read = ImportOne(input, () => throw new InvalidOperationException("standard input is not followed here"), processor, default, live: true);
            if (!_stop.IsCancellationRequested)
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

    private static long SizeOf(string path)
    {
        try
        {
            return LogFileInfo.Of(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Reads one source from its committed position; false when there was nothing new in it.</summary>
    private bool ImportOne(LogInput input, Func<Stream> openStdin, PipelinedLogProcessor processor, ImportProgress progressBase, bool live)
    {
        _observer.Reached(ImportStage.SourceOpening, ++_sourcesOpened);
        FileStream? file = null;
        var stream = input.IsStandardInput
            ? LogFileOpener.Open(_stop.CanBeCanceled ? new StoppableStream(openStdin(), _stop) : openStdin(), input.DisplayName)
            : LogFileOpener.Open(input.Path, out file);
        try
        {
            var prefix = SourcePrefix.Read(stream, whatIsThere: live && input.IsStandardInput);
            if (prefix.Count == 0)
            {
                if (!live)
                {
                    ImportLog.Empty(_logger, input.DisplayName);
                }

                return false;
            }

            var checkpoint = prefix.FindCheckpoint(_known.Values) ?? StartOfContentRead(prefix);
            var offset = checkpoint?.Offset ?? 0;
            var content = SourcePositioning.Position(stream, prefix, ref offset, out var atEnd);
            if (atEnd)
            {
                if (!live)
                {
                    ImportLog.AlreadyImported(_logger, input.DisplayName);
                }
                else if (checkpoint is not null && checkpoint.Name != input.DisplayName)
                {
                    ImportLog.RotatedAndRead(_logger, input.DisplayName, checkpoint.Name);
                }

                return false;
            }

            if (checkpoint is null)
            {
                if (live)
                {
                    ImportLog.NewContent(_logger, input.DisplayName);
                }
            }
            else if (!live || checkpoint.Name != input.DisplayName)
            {
                ImportLog.Resuming(_logger, input.DisplayName, checkpoint.Name, offset);
            }

            var yearClock = new YearlessClock(settings.Zone, settings.StartingYear, input.YearReference(clock));
            if (checkpoint is not null && checkpoint.ClockLastDayKey >= 0)
            {
                yearClock.State = new ClockState(checkpoint.ClockYear, checkpoint.ClockLastDayKey);
            }

            var source = new SourceRead(
                checkpoint?.Key ?? prefix.NewKey(), input.DisplayName, prefix, offset, checkpoint?.Lines ?? 0, yearClock);
            RememberPrefix(source.Key, prefix);
            // A plain file may still be written to (postlogd or syslog mid-line), in every mode: its last line waits
            // for its newline, and the committed position stays before it. Archives and the end of standard input are
            // complete, so a last line there without its newline is a whole line.
            Read(content, source, processor, file, progressBase, live, holdPartialLastLine: stream.CanSeek);
            return true;
        }
        finally
        {
            stream.Dispose();
        }
    }

    /// <summary>
    /// For a source shorter than a whole prefix: the checkpoint of content read before in this process that it is the
    /// start of. A copy caught while it is being written (logrotate's copytruncate, cp) has too few bytes to match
    /// the checkpoint's prefix hash, and would otherwise be read again as new content.
    /// </summary>
    private SourceCheckpoint? StartOfContentRead(SourcePrefix prefix)
    {
        if (prefix.Count >= SourcePrefix.Length)
        {
            return null;
        }

        foreach (var (key, bytes) in _prefixesRead)
        {
            if (prefix.Begins(bytes) && _known.TryGetValue(key, out var checkpoint))
            {
                return checkpoint;
            }
        }

        return null;
    }

    private void RememberPrefix(string key, SourcePrefix prefix)
    {
        if (!_prefixesRead.TryGetValue(key, out var known) || known.Length < prefix.Count)
        {
            _prefixesRead[key] = prefix.Bytes.ToArray();
        }
    }

    private void Read(Stream content, SourceRead source, PipelinedLogProcessor processor, FileStream? file, ImportProgress progressBase, bool live, bool holdPartialLastLine)
    {
        var envelopes = new EnvelopeParser(settings.Format, source.Clock);
        var reader = new LineReader();
        var every = settings.MarkEveryLines;
        var sinceMark = 0;
        // Live: a mark after every read, where the reader may then wait, so the tracking thread can commit there.
        Action? afterRead = live ? () =>
        {
            sinceMark = 0;
            processor.Mark(new PositionMark(source.Checkpoint(reader, clock), _counts.TakeCounts(), Final: false));
            processor.Flush();
        }
        : null;
        reader.ReadAll(content, line =>
        {
            processor.ProcessLine(envelopes, line);
            _linesThisRun++;
            _observer.Reached(ImportStage.LineRead, _linesThisRun);
            if (++sinceMark == every)
            {
                sinceMark = 0;
                processor.Mark(new PositionMark(source.Checkpoint(reader, clock), _counts.TakeCounts(), Final: false));
                progress?.Report(progressBase with
                {
                    BytesDone = progressBase.BytesDone + (file?.Position ?? source.StartOffset + reader.Position),
                    Lines = _linesThisRun,
                });
            }
        }, holdPartialLastLine, afterRead, _stop);
        var end = source.Checkpoint(reader, clock);
        _known[end.Key] = end;
        processor.Mark(new PositionMark(end, _counts.TakeCounts(), Final: false));
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

    /// <summary>One source being read: what its checkpoints say.</summary>
    private sealed record SourceRead(string Key, string Name, SourcePrefix Prefix, long StartOffset, long LinesBefore, YearlessClock Clock)
    {
        public SourceCheckpoint Checkpoint(LineReader reader, TimeProvider clock) => new(
            Key, Name, Prefix.Hash, Prefix.Count, StartOffset + reader.Position, LinesBefore + reader.LinesRead,
            Clock.State.Year, Clock.State.LastDayKey, clock.GetUtcNow().UtcDateTime);
    }
}
