using Postmeter.Core.Classification;
using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Tests.Support;

/// <summary>
/// Imports a real log into a store the way the importer does — parsing on this thread, tracking (raw lines kept) on
/// the processor's worker, a commit at every marker holding the records emitted so far, the hours' line counts and the
/// tracker's state — while recording what the live objects give at the moment they are emitted: their JSON lines and
/// a report, to compare with what the store replays.
/// </summary>
public sealed class FixtureImport : ITrackingSink
{
    public static readonly DateTime Reference = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    private readonly MemoryStream _json = new();
    private readonly MessageJsonWriter _jsonWriter;
    private readonly ReportBuilder _report = new(FailureClassifier.Default);
    private CommitBatch _batch = new();
    private long _nextSequence;

    private FixtureImport() => _jsonWriter = new MessageJsonWriter(_json);

    /// <summary>Every record the tracker emitted, with its sequence number, in order.</summary>
    public List<EmittedRecord> Records { get; } = [];

    public IEnumerable<TrackedMessage> Messages => Records.Where(r => r.Message is not null).Select(r => r.Message!);

    /// <summary>Line counts of the whole log, as the live run counted them.</summary>
    public LineStatistics Lines { get; } = new();

    /// <summary>Line counts per hour, as committed.</summary>
    public Dictionary<DateTime, LineStatistics> Hours { get; } = [];

    public long OrphanLines { get; private set; }

    public int Commits { get; private set; }

    /// <summary>The JSON lines the live messages and rejects gave when they were emitted.</summary>
    public byte[] LiveJson { get; private set; } = [];

    /// <summary>The report (JSON) built from the live objects.</summary>
    public byte[] LiveReport { get; private set; } = [];

    public static FixtureImport Run(string logPath, IWorkspaceStore store, int linesPerCommit = 100) => Run([logPath], store, linesPerCommit);

    /// <summary>Imports several logs one after the other, as one stream (give them oldest first).</summary>
    public static FixtureImport Run(IReadOnlyList<string> logPaths, IWorkspaceStore store, int linesPerCommit = 100)
    {
        var import = new FixtureImport();
        var tracker = new MessageTracker(import, new TrackerOptions { KeepRawLines = true });
        var counts = new HourlyLineStatistics();
        var envelopes = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Reference));
        using (var processor = new PipelinedLogProcessor(tracker, counts, marker => import.Commit(store, (IReadOnlyDictionary<DateTime, LineStatistics>)marker, tracker)))
        {
            var sinceMark = 0;
            foreach (var line in logPaths.SelectMany(File.ReadLines))
            {
                processor.ProcessLine(envelopes, System.Text.Encoding.UTF8.GetBytes(line));
                if (++sinceMark == linesPerCommit)
                {
                    sinceMark = 0;
                    processor.Mark(import.Take(counts));
                }
            }

            processor.Mark(import.Take(counts));
            processor.Complete();
        }

        // What the end of the input emitted goes into a last commit.
        import.Commit(store, new Dictionary<DateTime, LineStatistics>(), tracker);
        import.OrphanLines = tracker.OrphanLines;
        import._jsonWriter.Flush();
        import.LiveJson = import._json.ToArray();
        import.LiveReport = ReportBytes(import._report, import.Lines, import.OrphanLines);
        return import;
    }

    public static byte[] ReportBytes(ReportBuilder builder, LineStatistics lines, long orphanLines)
    {
        using var output = new MemoryStream();
        ReportJson.Write(builder.Build(lines, orphanLines), output);
        return output.ToArray();
    }

    public void OnMessage(TrackedMessage message)
    {
        _jsonWriter.OnMessage(message);
        _report.OnMessage(message);
        Add(new EmittedMessage(_nextSequence++, message));
    }

    public void OnReject(RejectRecord reject)
    {
        _jsonWriter.OnReject(reject);
        _report.OnReject(reject);
        Add(new EmittedReject(_nextSequence++, reject));
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
        _jsonWriter.OnAuthFailure(failure);
        _report.OnAuthFailure(failure);
        Add(new EmittedAuthFailure(_nextSequence++, failure));
    }

    private void Add(EmittedRecord record)
    {
        Records.Add(record);
        _batch.Add(record);
    }

    /// <summary>On the reading thread: the hours counted since the last mark, also added to the live totals.</summary>
    private Dictionary<DateTime, LineStatistics> Take(HourlyLineStatistics counts)
    {
        var taken = new Dictionary<DateTime, LineStatistics>(counts.TakeCounts());
        foreach (var (hour, hourCounts) in taken)
        {
            Lines.Add(hourCounts);
            if (!Hours.TryGetValue(hour, out var total))
            {
                Hours[hour] = total = new LineStatistics();
            }

            total.Add(hourCounts);
        }

        return taken;
    }

    /// <summary>On the tracking thread, at a marker: commits what was emitted since the last one.</summary>
    private void Commit(IWorkspaceStore store, IReadOnlyDictionary<DateTime, LineStatistics> counts, MessageTracker tracker)
    {
        foreach (var (hour, hourCounts) in counts)
        {
            _batch.LineCounts[hour] = hourCounts;
        }

        _batch.TrackerState = tracker.Snapshot().ToBytes();
        _batch.NextSequence = _nextSequence;
        store.Commit(_batch);
        Commits++;
        _batch = new CommitBatch();
    }
}
