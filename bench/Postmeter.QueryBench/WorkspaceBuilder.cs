using System.Diagnostics;
using System.Text.Json;
using Postmeter.Core.Tracking;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.QueryBench;

/// <summary>
/// Writes the generated mail into a new workspace through the real store writer, as an import does: commits of 5 000
/// records with their rollup increments, lookup indexes deferred and built at the end. Keeps a few real search terms
/// (addresses, queue ids, Message-IDs) for the measurements.
/// </summary>
internal static class WorkspaceBuilder
{
    private const int RecordsPerCommit = 5_000;

    public static int Run(string workspace, long deliveries, int days, int seed)
    {
        if (Directory.Exists(workspace))
        {
            Console.Error.WriteLine($"{workspace} exists; remove it to build again");
            return 2;
        }

        var start = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        var generator = new MailGenerator(seed, start, days);
        var clock = Stopwatch.StartNew();
        using var store = SqliteWorkspaceStore.Open(workspace);
        store.DeferLookupIndexes();
        var perDay = (int)(deliveries / 1.3 / days);
        long written = 0, recipients = 0, sequence = 0;
        var samples = new Samples { End = start.AddDays(days) };
        var batch = new CommitBatch();
        for (var day = 0; day < days; day++)
        {
            var (messages, rejects) = generator.Day(day, perDay);
            var next = 0;
            foreach (var message in messages)
            {
                // The day's rejects go in among its messages, in time order, as the tracker emits them.
                while (next < rejects.Count && rejects[next].Time <= message.EndedAt)
                {
                    batch.Add(new EmittedReject(sequence++, rejects[next++]));
                }

                batch.Add(new EmittedMessage(sequence++, message));
                recipients += message.Recipients.Count;
                samples.Keep(message, day == days - 1);
                if (batch.Records.Count >= RecordsPerCommit)
                {
                    Commit(store, ref batch, sequence);
                }
            }

            written += messages.Count;
            if (day % 10 == 9)
            {
                Console.Error.WriteLine($"day {day + 1}/{days}: {recipients:N0} deliveries, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        Commit(store, ref batch, sequence);
        var indexes = Stopwatch.StartNew();
        store.RestoreLookupIndexes();
        Console.WriteLine($"built {written:N0} messages, {recipients:N0} recipient deliveries over {days} days in {clock.Elapsed.TotalSeconds:F0} s " +
            $"(lookup indexes {indexes.Elapsed.TotalSeconds:F0} s); workspace {Size(workspace) / (1 << 20):N0} MiB");
        File.WriteAllText(Path.Combine(workspace, "bench-samples.json"), JsonSerializer.Serialize(samples));
        return 0;
    }

    private static void Commit(SqliteWorkspaceStore store, ref CommitBatch batch, long sequence)
    {
        batch.NextSequence = sequence;
        store.Commit(batch);
        batch = new CommitBatch();
    }

    private static long Size(string directory) => new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>Search terms that exist in the workspace, from its last day, and when the data ends.</summary>
    internal sealed class Samples
    {
        public DateTime End { get; set; }

        public List<string> Recipients { get; set; } = [];

        public List<string> QueueIds { get; set; } = [];

        public List<string> MessageIds { get; set; } = [];

        public void Keep(TrackedMessage message, bool lastDay)
        {
            if (lastDay && QueueIds.Count < 200 && message.QueueId.EndsWith('7'))
            {
                QueueIds.Add(message.QueueId);
                MessageIds.Add(message.MessageId!);
                Recipients.Add(message.Recipients[0].Address);
            }
        }
    }
}
