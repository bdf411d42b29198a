using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The Message Detective on SQLite, from one snapshot: the messages in flight at the last commit (ended as a reader
/// ends them, matched by <see cref="DetectiveMatch"/>), then the stored messages and rejects — candidates from an
/// index (<see cref="CandidateMerge"/>), checked a chunk at a time with the search's full conditions in SQL.
/// </summary>
internal static class DetectiveReader
{
    private const int Chunk = 256;

    /// <summary>Candidates one request examines at the most; a page cut short by it says where to go on.</summary>
    private const int MaxExamined = 50_000;

    public static DetectivePage Search(SqliteConnection connection, InFlightSnapshots inFlight, DetectiveQuery query)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var filters = new DetectiveFilters(query);
        filters.RegisterFunctions(connection);
        var after = query.After ?? new PagePosition(0, long.MaxValue);
        var flying = query.Status == DetectiveStatus.Rejected ? [] : InFlight(inFlight.Read(connection, transaction), query);
        var found = new List<(DetectiveResult Result, PagePosition Position)>();
        for (var i = after.InFlightSkipped; i < flying.Count && found.Count <= query.Limit; i++)
        {
            found.Add((new DetectiveResult(flying[i], null), new PagePosition(i + 1, long.MaxValue)));
        }

        var stored = new List<(long Sequence, bool IsReject)>();
        var stopped = Stored(connection, transaction, filters, after.BeforeSequence, query.Limit + 1 - found.Count, (seq, isReject) => stored.Add((seq, isReject)));
        var loaded = Load(connection, transaction, stored);
        found.AddRange(stored.Where(s => loaded.ContainsKey(s.Sequence)).Select(s => (loaded[s.Sequence], new PagePosition(flying.Count, s.Sequence))));
        long? total = null;
        var exact = true;
        if (query.CountTotal)
        {
            long counted = 0;
            var cut = Stored(connection, transaction, filters, long.MaxValue, DetectivePage.TotalLimit + 1, (_, _) => counted++);
            total = Math.Min(flying.Count + counted, DetectivePage.TotalLimit);
            exact = cut is null && flying.Count + counted <= DetectivePage.TotalLimit;
        }

        var page = found.Take(query.Limit).ToList();
        var next = found.Count > query.Limit ? page[^1].Position
            : stopped is { } at ? new PagePosition(flying.Count, at) : null;
        return new DetectivePage([.. page.Select(f => f.Result)], total, exact, next);
    }

    public static DetectiveResult? Find(SqliteConnection connection, InFlightSnapshots inFlight, string id)
    {
        if (FoundMessages.Parse(id) is not { } target)
        {
            return null;
        }

        using var transaction = connection.BeginTransaction(deferred: true);
        if (target.Kind == 'q')
        {
            var message = inFlight.Read(connection, transaction).Messages
                .FirstOrDefault(m => m.Host == target.Host && m.Instance == target.Instance && m.QueueId == target.QueueId);
            return message is null ? null : new DetectiveResult(FoundMessages.From(message, id, hasLog: true), null);
        }

        return Load(connection, transaction, [(target.Sequence, target.Kind == 'r')]).GetValueOrDefault(target.Sequence);
    }

    public static IReadOnlyList<string> ReadLog(SqliteConnection connection, string id)
    {
        if (FoundMessages.Parse(id) is not { } target)
        {
            return [];
        }

        using var transaction = connection.BeginTransaction(deferred: true);
        switch (target.Kind)
        {
            case 'm':
                return RawLineReader.Read(connection, transaction, target.Sequence);
            case 'r':
                using (var command = Command(connection, transaction, "SELECT raw_line FROM rejects WHERE seq = $seq"))
                {
                    command.Parameters.AddWithValue("$seq", target.Sequence);
                    return command.ExecuteScalar() is string line ? [line] : [];
                }

            default:
                var message = InFlightMessage(connection, transaction, target.Host!, target.Instance!, target.QueueId!, keepRawLines: true);
                return message is null ? [] : System.Text.Encoding.UTF8.GetString(message.RawLines).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    /// <summary>
    /// Calls <paramref name="found"/> for each stored match before <paramref name="before"/>, newest first, until
    /// <paramref name="wanted"/> were found or none is left (returns null); or returns where it stopped, once it examined
    /// <see cref="MaxExamined"/> candidates.
    /// </summary>
    private static long? Stored(SqliteConnection connection, SqliteTransaction transaction, DetectiveFilters filters, long before, int wanted, Action<long, bool> found)
    {
        if (wanted <= 0)
        {
            return null;
        }

        using var merge = new CandidateMerge(connection, transaction, filters, before, Chunk);
        using var messages = Command(connection, transaction,
            $"SELECT m.seq FROM messages m WHERE m.seq IN (SELECT value FROM json_each($seqs)) AND {filters.MessageConditions()}");
        using var rejects = Command(connection, transaction,
            $"SELECT j.seq FROM rejects j WHERE j.seq IN (SELECT value FROM json_each($seqs)) AND {filters.RejectConditions()}");
        filters.Bind(messages);
        filters.Bind(rejects);
        var messageSeqs = messages.Parameters.Add("$seqs", SqliteType.Text);
        var rejectSeqs = rejects.Parameters.Add("$seqs", SqliteType.Text);
        var examined = 0;
        var chunk = new List<(long Sequence, bool IsReject)>(Chunk);
        var count = 0;
        while (true)
        {
            chunk.Clear();
            while (chunk.Count < Chunk && merge.Next() is { } candidate)
            {
                chunk.Add(candidate);
            }

            if (chunk.Count == 0)
            {
                return null;
            }

            examined += chunk.Count;
            var matched = Matched(messages, messageSeqs, chunk.Where(c => !c.IsReject).Select(c => c.Sequence));
            matched.UnionWith(Matched(rejects, rejectSeqs, chunk.Where(c => c.IsReject).Select(c => c.Sequence)));
            foreach (var (seq, isReject) in chunk)
            {
                if (matched.Contains(seq))
                {
                    found(seq, isReject);
                    if (++count >= wanted)
                    {
                        return null;
                    }
                }
            }

            if (examined >= MaxExamined)
            {
                return chunk[^1].Sequence;
            }
        }
    }

    private static HashSet<long> Matched(SqliteCommand command, SqliteParameter seqs, IEnumerable<long> candidates)
    {
        var list = candidates.ToList();
        var matched = new HashSet<long>();
        if (list.Count == 0)
        {
            return matched;
        }

        seqs.Value = JsonSerializer.Serialize(list);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            matched.Add(reader.GetInt64(0));
        }

        return matched;
    }

    /// <summary>Stored messages (with their notification links) and rejects, by sequence number; those not there are left out.</summary>
    private static Dictionary<long, DetectiveResult> Load(SqliteConnection connection, SqliteTransaction transaction, List<(long Sequence, bool IsReject)> wanted)
    {
        var results = new Dictionary<long, DetectiveResult>(wanted.Count);
        var rejectSeqs = wanted.Where(w => w.IsReject).Select(w => w.Sequence).ToList();
        if (rejectSeqs.Count > 0)
        {
            using var command = Command(connection, transaction, $"SELECT {TimedRecordCursor.RejectColumns} FROM rejects WHERE seq IN (SELECT value FROM json_each($seqs))");
            command.Parameters.AddWithValue("$seqs", JsonSerializer.Serialize(rejectSeqs));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                results[seq] = new DetectiveResult(null, FoundMessages.From(TimedRecordCursor.RejectOf(reader), seq));
            }
        }

        var messageSeqs = wanted.Where(w => !w.IsReject).Select(w => w.Sequence).ToList();
        if (messageSeqs.Count == 0)
        {
            return results;
        }

        var messages = MessageCursor.Load(connection, transaction, messageSeqs);
        var withLog = new HashSet<long>();
        using (var logs = Command(connection, transaction, "SELECT seq FROM messages WHERE seq IN (SELECT value FROM json_each($seqs)) AND raw_block IS NOT NULL"))
        {
            logs.Parameters.AddWithValue("$seqs", JsonSerializer.Serialize(messageSeqs));
            using var reader = logs.ExecuteReader();
            while (reader.Read())
            {
                withLog.Add(reader.GetInt64(0));
            }
        }

        foreach (var (seq, message) in messages)
        {
            var found = FoundMessages.From(message, FoundMessages.StoredId(seq), withLog.Contains(seq));
            if (message.ReturnedToSender || message.NotificationOf is not null)
            {
                found = Linked(connection, transaction, seq, message, found);
            }

            results[seq] = new DetectiveResult(found, null);
        }

        return results;
    }

    /// <summary>The notification that returned a message, or the message a notification reports on: the nearest one of that queue on that host.</summary>
    private static FoundMessage Linked(SqliteConnection connection, SqliteTransaction transaction, long seq, TrackedMessage message, FoundMessage found)
    {
        using var links = Command(connection, transaction,
            """
            SELECT (SELECT seq FROM messages WHERE notification_of = $queue_id AND host = $host ORDER BY abs(seq - $seq) LIMIT 1),
                   (SELECT seq FROM messages WHERE queue_id = $notification_of AND host = $host ORDER BY abs(seq - $seq) LIMIT 1)
            """);
        links.Parameters.AddWithValue("$seq", seq);
        links.Parameters.AddWithValue("$queue_id", message.QueueId);
        links.Parameters.AddWithValue("$host", message.Host);
        links.Parameters.AddWithValue("$notification_of", (object?)message.NotificationOf ?? DBNull.Value);
        using var row = links.ExecuteReader();
        row.Read();
        return found with
        {
            NotificationId = message.ReturnedToSender && !row.IsDBNull(0) ? FoundMessages.StoredId(row.GetInt64(0)) : null,
            NotifiedMessageId = !row.IsDBNull(1) ? FoundMessages.StoredId(row.GetInt64(1)) : null,
        };
    }

    /// <summary>
    /// The messages in flight that match: those still queued first, then those that ended and wait to be stored; newest
    /// first. Their log lines are in the saved state (read by <see cref="ReadLog"/>).
    /// </summary>
    private static List<FoundMessage> InFlight(InFlightSnapshot snapshot, DetectiveQuery query) =>
        [.. snapshot.Messages.Where(m => DetectiveMatch.Matches(m, query))
            .OrderByDescending(DetectiveMatch.IsQueued).ThenByDescending(m => m.EndedAt).ThenByDescending(m => m.FirstSeen).ThenBy(m => m.QueueId, StringComparer.Ordinal)
            .Select(m => FoundMessages.From(m, FoundMessages.InFlightId(m), hasLog: true))];

    private static TrackedMessage? InFlightMessage(SqliteConnection connection, SqliteTransaction transaction, string host, string instance, string queueId, bool keepRawLines)
    {
        var matches = new Collector(m => m.Host == host && m.Instance == instance && m.QueueId == queueId);
        InFlightReplayer.EndInFlight(connection, transaction, matches, keepRawLines);
        return matches.Messages.FirstOrDefault();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private sealed class Collector(Func<TrackedMessage, bool> wanted) : ITrackingSink
    {
        public List<TrackedMessage> Messages { get; } = [];

        public void OnMessage(TrackedMessage message)
        {
            if (wanted(message))
            {
                Messages.Add(message);
            }
        }

        public void OnReject(RejectRecord reject)
        {
        }

        public void OnAuthFailure(AuthFailureRecord failure)
        {
        }
    }
}
