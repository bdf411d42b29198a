using Microsoft.Extensions.Logging;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;
using Postmeter.Storage.FileSystem;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Reads log sources into a run's pipeline, each from where the last commit left it: a source is known by the hash of
/// its first bytes (not its name), so a renamed, compressed or copied file is read on where it stood. Every few
/// thousand lines, and at the end of a source, a position mark lets the tracking thread commit there.
/// </summary>
internal sealed class SourceReader(
    ImportSettings settings,
    TimeProvider clock,
    HourlyLineStatistics counts,
    IImportObserver observer,
    ILogger logger,
    IImportProgressListener? progress,
    IEnumerable<SourceCheckpoint> savedSources,
    CancellationToken stop)
{
    private readonly Dictionary<string, SourceCheckpoint> _known = savedSources.ToDictionary(c => c.Key, StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _prefixesRead = new(StringComparer.Ordinal);
    private int _sourcesOpened;

    /// <summary>Lines read in this run, of every source.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Reads one source from its committed position; false when there was nothing new in it.</summary>
    /// <param name="listedAs">
    /// The file's identity when it was listed: if another file is at its path now (renamed by a rotation since), nothing
    /// is read and <see cref="SourceMovedException"/> tells the caller to list again, so files are read oldest first.
    /// </param>
    public bool Read(LogInput input, Func<Stream> openStdin, PipelinedLogProcessor processor, ImportProgress progressBase, bool live, FileStatus? listedAs = null)
    {
        observer.Reached(ImportStage.SourceOpening, ++_sourcesOpened);
        FileStream? file = null;
        var stream = input.IsStandardInput
            ? LogFileOpener.Open(stop.CanBeCanceled ? new StoppableStream(openStdin(), stop) : openStdin(), input.DisplayName)
            : LogFileOpener.Open(input.Path, out file);
        try
        {
            if (listedAs is { } listed && file is not null && OpenedIdentity(file) is { } opened && (opened.Device, opened.Inode) != (listed.Device, listed.Inode))
            {
                throw new SourceMovedException(input.DisplayName);
            }

            var prefix = SourcePrefix.Read(stream, whatIsThere: live && input.IsStandardInput);
            if (prefix.Count == 0)
            {
                if (!live)
                {
                    ImportLog.Empty(logger, input.DisplayName);
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
                    ImportLog.AlreadyImported(logger, input.DisplayName);
                }
                else if (checkpoint is not null && checkpoint.Name != input.DisplayName)
                {
                    ImportLog.RotatedAndRead(logger, input.DisplayName, checkpoint.Name);
                }

                return false;
            }

            if (checkpoint is null)
            {
                if (live)
                {
                    ImportLog.NewContent(logger, input.DisplayName);
                }
            }
            else if (!live || checkpoint.Name != input.DisplayName)
            {
                ImportLog.Resuming(logger, input.DisplayName, checkpoint.Name, offset);
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
            ReadLines(content, source, processor, file, progressBase, live, holdPartialLastLine: stream.CanSeek);
            return true;
        }
        finally
        {
            stream.Dispose();
        }
    }

    private static FileStatus? OpenedIdentity(FileStream file)
    {
        var added = false;
        try
        {
            file.SafeFileHandle.DangerousAddRef(ref added);
            return FileStatus.OfDescriptor((int)file.SafeFileHandle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                file.SafeFileHandle.DangerousRelease();
            }
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

    private void ReadLines(Stream content, SourceRead source, PipelinedLogProcessor processor, FileStream? file, ImportProgress progressBase, bool live, bool holdPartialLastLine)
    {
        var envelopes = new EnvelopeParser(settings.Format, source.Clock);
        var reader = new LineReader();
        var every = settings.MarkEveryLines;
        var sinceMark = 0;
        // Live: a mark after every read, where the reader may then wait, so the tracking thread can commit there.
        Action? afterRead = live ? () =>
        {
            sinceMark = 0;
            processor.Mark(new PositionMark(source.Checkpoint(reader, clock), counts.TakeCounts(), Final: false));
            processor.Flush();
        }
        : null;
        reader.ReadAll(content, line =>
        {
            processor.ProcessLine(envelopes, line);
            LinesRead++;
            observer.Reached(ImportStage.LineRead, LinesRead);
            if (++sinceMark == every)
            {
                sinceMark = 0;
                processor.Mark(new PositionMark(source.Checkpoint(reader, clock), counts.TakeCounts(), Final: false));
                progress?.Report(progressBase with
                {
                    BytesDone = progressBase.BytesDone + (file?.Position ?? source.StartOffset + reader.Position),
                    Lines = LinesRead,
                });
            }
        }, holdPartialLastLine, afterRead, stop);
        var end = source.Checkpoint(reader, clock);
        _known[end.Key] = end;
        processor.Mark(new PositionMark(end, counts.TakeCounts(), Final: false));
    }

    /// <summary>One source being read: what its checkpoints say.</summary>
    private sealed record SourceRead(string Key, string Name, SourcePrefix Prefix, long StartOffset, long LinesBefore, YearlessClock Clock)
    {
        public SourceCheckpoint Checkpoint(LineReader reader, TimeProvider clock) => new(
            Key, Name, Prefix.Hash, Prefix.Count, StartOffset + reader.Position, LinesBefore + reader.LinesRead,
            Clock.State.Year, Clock.State.LastDayKey, clock.GetUtcNow().UtcDateTime);
    }
}
