using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Benchmarks;

/// <summary>
/// The SQLite workspace store's commit, per message: what the importer's store thread spends on each message it
/// hands over (its row, recipients with their attempts, hops, packed and compressed log lines, rollup increments), in commits of
/// <see cref="RecordsPerCommit"/> records. The messages are the seed-42 log's, tracked with their raw lines kept,
/// <see cref="Repetitions"/> times over with fresh queue ids and Message-IDs (so the indexes see distinct keys, as
/// they would in a real log); each iteration writes them into a fresh workspace under the temporary directory.
/// Mean is per message; a message is about 2.6 rows (message + 1.4 recipients + rejects).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 8)]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public partial class StoreBenchmarks
{
    /// <summary>Messages the seed-42 log yields per pass; setup checks it, so per-message figures stay right.</summary>
    public const int MessagesPerPass = 271;

    public const int Repetitions = 60;

    public const int RecordsPerCommit = 5000;

    private readonly List<EmittedRecord> _records = [];

    /// <summary>True: as in a first import, with the lookup indexes dropped (<see cref="IImportWriter.DeferLookupIndexes"/>).</summary>
    [Params(false, true)]
    public bool DeferredIndexes { get; set; }

    private string _directory = string.Empty;
    private SqliteWorkspaceStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = Fixture.Load();
        var lines = Enumerable.Range(0, fixture.Count).Select(i => Encoding.UTF8.GetString(fixture.Line(i))).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        long next = 0x100000;
        for (var pass = 0; pass < Repetitions; pass++)
        {
            ids.Clear();
            var sink = new Recorder(_records);
            var tracker = new MessageTracker(sink, new TrackerOptions { KeepRawLines = true });
            var envelopes = ParsingBenchmarks.NewEnvelopeParser(LogFormat.Default);
            var before = sink.Messages;
            foreach (var line in lines)
            {
                var rewritten = QueueId().Replace(line, m =>
                {
                    if (!ids.TryGetValue(m.Value, out var id))
                    {
                        ids[m.Value] = id = (next++).ToString("X10", System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return id;
                }).Replace("message-id=<", $"message-id=<{pass}.", StringComparison.Ordinal);
                var bytes = Encoding.UTF8.GetBytes(rewritten);
                if (envelopes.TryParse(bytes, out var envelope))
                {
                    var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
                    if (tracker.Needs(e.Kind, e.QueueId))
                    {
                        tracker.Process(envelope, e, bytes);
                    }
                }
            }

            tracker.Complete();
            if (sink.Messages - before != MessagesPerPass)
            {
                throw new InvalidDataException($"The seed-42 log gave {sink.Messages - before} messages, expected {MessagesPerPass}: update StoreBenchmarks.MessagesPerPass.");
            }
        }
    }

    [IterationSetup]
    public void OpenWorkspace()
    {
        _directory = Path.Combine(Path.GetTempPath(), "postmeter-bench-" + Guid.NewGuid().ToString("N"));
        _store = SqliteWorkspaceStore.Open(_directory);
        if (DeferredIndexes)
        {
            _store.DeferLookupIndexes();
        }
    }

    [IterationCleanup]
    public void DeleteWorkspace()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Commits every message, reject and auth failure of all passes into the fresh workspace.</summary>
    [Benchmark(OperationsPerInvoke = MessagesPerPass * Repetitions)]
    public int Commit()
    {
        var commits = 0;
        for (var i = 0; i < _records.Count; i += RecordsPerCommit)
        {
            var batch = new CommitBatch { TrackerState = new byte[4096] };
            batch.Records.AddRange(_records.Skip(i).Take(RecordsPerCommit));
            batch.NextSequence = batch.Records[^1].Sequence + 1;
            _store!.Commit(batch);
            commits++;
        }

        return commits;
    }

    [GeneratedRegex(@"\b[0-9A-F]{10}\b")]
    private static partial Regex QueueId();

    private sealed class Recorder(List<EmittedRecord> records) : ITrackingSink
    {
        public int Messages { get; private set; }

        public void OnMessage(TrackedMessage message)
        {
            records.Add(new EmittedMessage(records.Count, message));
            Messages++;
        }

        public void OnReject(RejectRecord reject) => records.Add(new EmittedReject(records.Count, reject));

        public void OnAuthFailure(AuthFailureRecord failure) => records.Add(new EmittedAuthFailure(records.Count, failure));
    }
}
