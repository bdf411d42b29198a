using System.Diagnostics;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Reads log sources into a workspace exactly once. Lines are parsed on the calling thread, tracked on a second,
/// committed on a third; every commit holds the rows, each source's position and the tracker's state together (see
/// docs/workspace-store.md), so an import killed at any moment and started again ends with the data of an
/// uninterrupted one, and importing the same files again adds nothing.
/// </summary>
public sealed class WorkspaceImporter(IWorkspaceStore store, ImportSettings settings, TimeProvider clock, IImportProgressListener? progress = null)
{
    private readonly Dictionary<string, SourceCheckpoint> _known = new(StringComparer.Ordinal);
    private readonly HourlyLineStatistics _counts = new();
    private long _linesThisRun;
    private int _sourcesOpened;

    /// <summary>Imports <paramref name="inputs"/> in order; <paramref name="openStdin"/> opens standard input when one of them is <c>-</c>.</summary>
    public ImportSummary Import(IReadOnlyList<LogInput> inputs, Func<Stream> openStdin)
    {
        var started = Stopwatch.StartNew();
        var state = store.LoadImportState();
        foreach (var checkpoint in state.Sources)
        {
            _known[checkpoint.Key] = checkpoint;
        }

        var deferredIndexes = store.DeferLookupIndexes();
        using var writer = new StoreWriter(store);
        var assembler = new CommitAssembler(writer, settings, state.NextSequence);
        var tracker = new MessageTracker(assembler, new TrackerOptions { KeepRawLines = true });
        if (state.TrackerState is { } saved)
        {
            tracker.Restore(TrackerSnapshot.FromBytes(saved));
        }

        assembler.Tracker = tracker;
        var sizes = inputs.Select(i => i.IsStandardInput ? 0 : SizeOf(i.Path)).ToArray();
        var total = sizes.Sum();
        long bytesBefore = 0;
        int read = 0, unchanged = 0;
        using (var processor = new PipelinedLogProcessor(tracker, _counts, assembler.OnMarker))
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var progressBase = new ImportProgress(bytesBefore, total, 0, inputs[i].DisplayName, i, inputs.Count);
                if (ImportOne(inputs[i], openStdin, processor, progressBase))
                {
                    read++;
                }
                else
                {
                    unchanged++;
                }

                bytesBefore += sizes[i];
            }

            processor.Mark(new PositionMark(null, _counts.TakeCounts(), Final: true));
            processor.Drain();
        }

        writer.Complete();
        if (deferredIndexes)
        {
            progress?.Note("building the lookup indexes (queue id, Message-ID, sender, recipient)");
        }

        var indexing = Stopwatch.StartNew();
        store.RestoreLookupIndexes();
        indexing.Stop();
        progress?.Report(new ImportProgress(total, total, _linesThisRun, string.Empty, inputs.Count, inputs.Count));
        return new ImportSummary(_linesThisRun, read, unchanged, writer.RecordsCommitted, writer.Commits, started.Elapsed)
        {
            CommitTime = writer.CommitTime,
            SnapshotTime = assembler.SnapshotTime,
            IndexTime = indexing.Elapsed,
        };
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Reads one source from its committed position; false when there was nothing new in it.</summary>
    private bool ImportOne(LogInput input, Func<Stream> openStdin, PipelinedLogProcessor processor, ImportProgress progressBase)
    {
        TestKillSwitch.At(KillPoint.Source, ++_sourcesOpened);
        FileStream? file = null;
        var stream = input.IsStandardInput ? LogFileOpener.Open(openStdin(), input.DisplayName) : LogFileOpener.Open(input.Path, out file);
        try
        {
            var prefix = SourcePrefix.Read(stream);
            if (prefix.Count == 0)
            {
                progress?.Note($"{input.DisplayName}: empty, nothing to import");
                return false;
            }

            var checkpoint = prefix.FindCheckpoint(_known.Values);
            var offset = checkpoint?.Offset ?? 0;
            var content = Position(stream, prefix, ref offset, out var atEnd);
            if (atEnd)
            {
                progress?.Note($"{input.DisplayName}: already imported");
                return false;
            }

            if (checkpoint is not null)
            {
                progress?.Note($"{input.DisplayName}: imported before as {checkpoint.Name}; resuming at byte {offset}");
            }

            var reference = input.IsStandardInput ? clock.GetUtcNow().UtcDateTime : File.GetLastWriteTimeUtc(input.Path);
            var yearClock = new YearlessClock(settings.Zone, settings.StartingYear, reference);
            if (checkpoint is not null && checkpoint.ClockLastDayKey >= 0)
            {
                yearClock.State = new ClockState(checkpoint.ClockYear, checkpoint.ClockLastDayKey);
            }

            var source = new SourceRead(
                checkpoint?.Key ?? prefix.NewKey(), input.DisplayName, prefix, offset, checkpoint?.Lines ?? 0, yearClock);
            Read(content, source, processor, file, progressBase);
            return true;
        }
        finally
        {
            stream.Dispose();
        }
    }

    /// <summary>The stream to read from <paramref name="offset"/> on; <paramref name="atEnd"/> when nothing lies beyond it.</summary>
    private static Stream Position(Stream stream, SourcePrefix prefix, ref long offset, out bool atEnd)
    {
        if (stream.CanSeek)
        {
            // A plain file: the offset is a file offset. A file shorter than its checkpoint cannot have the same prefix
            // unless it was cut back; then only what lies past the cut would be new, and there is nothing.
            offset = Math.Min(offset, stream.Length);
            stream.Position = offset;
            atEnd = offset >= stream.Length;
            return stream;
        }

        Stream content = new PrefixedStream(prefix.Bytes.ToArray(), prefix.Count, stream);
        var skipped = Skip(content, offset);
        atEnd = skipped < offset || IsAtEnd(ref content);
        offset = skipped;
        return content;
    }

    private static long Skip(Stream stream, long count)
    {
        var buffer = new byte[1 << 16];
        long skipped = 0;
        while (skipped < count)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count - skipped));
            if (n == 0)
            {
                break;
            }

            skipped += n;
        }

        return skipped;
    }

    /// <summary>Whether a forward-only stream is exhausted; a byte read to find out is put back.</summary>
    private static bool IsAtEnd(ref Stream stream)
    {
        var one = new byte[1];
        if (stream.Read(one, 0, 1) == 0)
        {
            return true;
        }

        stream = new PrefixedStream(one, 1, stream);
        return false;
    }

    private void Read(Stream content, SourceRead source, PipelinedLogProcessor processor, FileStream? file, ImportProgress progressBase)
    {
        var envelopes = new EnvelopeParser(settings.Format, source.Clock);
        var reader = new LineReader();
        var every = settings.MarkEveryLines;
        var sinceMark = 0;
        reader.ReadAll(content, line =>
        {
            processor.ProcessLine(envelopes, line);
            _linesThisRun++;
            TestKillSwitch.At(KillPoint.Line, _linesThisRun);
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
        });
        var end = source.Checkpoint(reader, clock);
        _known[end.Key] = end;
        processor.Mark(new PositionMark(end, _counts.TakeCounts(), Final: false));
    }

    /// <summary>One source being read: what its checkpoints say.</summary>
    private sealed record SourceRead(string Key, string Name, SourcePrefix Prefix, long StartOffset, long LinesBefore, YearlessClock Clock)
    {
        public SourceCheckpoint Checkpoint(LineReader reader, TimeProvider clock) => new(
            Key, Name, Prefix.Hash, Prefix.Count, StartOffset + reader.Position, LinesBefore + reader.LinesRead,
            Clock.State.Year, Clock.State.LastDayKey, clock.GetUtcNow().UtcDateTime);
    }
}
