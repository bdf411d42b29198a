using System.Text;
using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>
/// The tracker's state saved a piece at a time must always add up to the whole state: after every line of real
/// logs (content filter hops, forwards, notifications, deferrals, expiry), the pieces saved so far, applied in
/// order, hold exactly the messages of a full snapshot, byte for byte — a change the fingerprint missed would leave
/// a stale message behind and fail here.
/// </summary>
public class IncrementalTrackerStateTests
{
    private static readonly EnvelopeParser Envelopes = Support.Track.Envelopes();

    /// <summary>Each log with messages kept as objects, and packed as soon as a line passes without naming them.</summary>
    public static TheoryData<string, int> LogsPackedOrNot()
    {
        var data = new TheoryData<string, int>();
        foreach (var log in new[] { FixturePaths.Seed42, FixturePaths.LongQueueIds, FixturePaths.Fixture("realpostfix-filter", "maillog"), FixturePaths.Fixture("realpostfix-seed11", "maillog") })
        {
            data.Add(log, 0);
            data.Add(log, 1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LogsPackedOrNot))]
    public void Pieces_saved_after_every_line_add_up_to_the_whole_state(string log, int packIdleAfterLines)
    {
        var tracker = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true, PackIdleAfterLines = packIdleAfterLines });
        var saver = new IncrementalTrackerState();
        var saved = new SavedPieces();
        var changedTotal = 0;
        var lines = 0;
        foreach (var raw in Lines(log))
        {
            Support.Track.Line(Envelopes, tracker, raw);
            var changes = saver.Take(tracker);
            changedTotal += changes.Messages.Changed.Count;
            saved.Apply(changes);
            Assert.Equal(Whole(tracker), saved.Messages);
            Assert.Equal(tracker.Snapshot() with { Messages = [] }, TrackerSnapshot.FromBytes(changes.Header), SnapshotHeaderComparer.Instance);
            lines++;
        }

        // Unchanged messages are not written again: far fewer writes than messages held times lines.
        Assert.True(changedTotal < lines * 3, $"{changedTotal} message writes for {lines} lines");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Pieces_handed_over_in_parts_add_up_to_the_whole_state(int partRows)
    {
        var tracker = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true });
        var saver = new IncrementalTrackerState();
        var saved = new SavedPieces();
        var parts = 0;
        var lines = Lines(FixturePaths.Fixture("realpostfix-filter", "maillog")).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            Support.Track.Line(Envelopes, tracker, lines[i]);
            if (i % 10 != 0 && i != lines.Count - 1)
            {
                continue;
            }

            var changes = saver.Take(tracker, part =>
            {
                Assert.Equal(partRows, part.Changed.Count);
                Assert.Empty(part.Removed);
                saved.Apply(part);
                parts++;
            }, partRows);
            Assert.True(changes.Messages.Changed.Count < partRows, $"{changes.Messages.Changed.Count} rows left after the parts");
            saved.Apply(changes);
            Assert.Equal(Whole(tracker), saved.Messages);
        }

        Assert.True(parts > 20, $"{parts} parts");
    }

    [Fact]
    public void The_first_save_replaces_everything_and_later_ones_only_what_changed()
    {
        var tracker = new MessageTracker(new CollectingSink(), new TrackerOptions { KeepRawLines = true });
        var saver = new IncrementalTrackerState();
        var lines = Lines(FixturePaths.Seed42).ToList();
        foreach (var raw in lines.Take(200))
        {
            Support.Track.Line(Envelopes, tracker, raw);
        }

        var first = saver.Take(tracker);
        var nothingNew = saver.Take(tracker);
        Support.Track.Line(Envelopes, tracker, lines[200]);
        var oneLine = saver.Take(tracker);

        Assert.True(first.Messages.ReplaceAll);
        Assert.Equal(tracker.ReferencedMessages().Count, first.Messages.Changed.Count);
        Assert.False(nothingNew.Messages.ReplaceAll);
        Assert.Empty(nothingNew.Messages.Changed);
        Assert.Empty(nothingNew.Messages.Removed);
        Assert.True(oneLine.Messages.Changed.Count <= 2, $"{oneLine.Messages.Changed.Count} messages written for one line");
    }

    [Theory]
    [MemberData(nameof(LogsPackedOrNot))]
    public void Restoring_from_the_saved_pieces_at_any_point_gives_the_output_of_an_uninterrupted_run(string log, int packIdleAfterLines)
    {
        var lines = Lines(log).ToList();
        var expected = Run(lines, [], packIdleAfterLines: 0);
        Assert.Contains("\"type\":\"message\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Run(lines, [lines.Count / 7, lines.Count / 3, lines.Count / 2, lines.Count * 4 / 5, lines.Count - 1], packIdleAfterLines));
    }

    [Fact]
    public void A_version_1_state_with_messages_named_by_index_is_still_read()
    {
        const string json = """
            {"Version":1,"Now":"2026-11-20T10:00:05Z","LastSweep":"2026-11-20T10:00:00Z","OrphanLines":0,
             "Messages":[{"Host":"mx","Instance":"postfix","QueueId":"4ABC1","FirstSeen":"2026-11-20T10:00:00Z","LastSeen":"2026-11-20T10:00:05Z",
                          "Sender":"a@example.org","Completion":1,"Recipients":[{"Address":"b@example.net","Attempts":[]}]}],
             "Active":[0],"Recent":[],"Settling":[],"Pending":[]}
            """;
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(Encoding.UTF8.GetBytes(json));
        }

        var snapshot = TrackerSnapshot.FromBytes(buffer.ToArray());
        var sink = new CollectingSink();
        var tracker = new MessageTracker(sink);
        tracker.Restore(snapshot);
        tracker.Complete();

        Assert.Equal(TrackerSnapshot.CurrentVersion, snapshot.Version);
        Assert.Equal(1, snapshot.NextStateId);
        var message = Assert.Single(sink.Messages);
        Assert.Equal("4ABC1", message.QueueId);
        Assert.Equal("a@example.org", message.Sender);
    }

    private static IEnumerable<byte[]> Lines(string log) => File.ReadLines(log).Select(Encoding.UTF8.GetBytes);

    /// <summary>Every message a full snapshot holds, as it would be saved on its own, by id.</summary>
    private static SortedDictionary<long, string> Whole(MessageTracker tracker) =>
        new(tracker.Snapshot().Messages.ToDictionary(m => m.Id, m => Convert.ToBase64String(TrackerSnapshot.MessageToBytes(m))));

    /// <summary>Feeds the lines into trackers replaced, before each index in <paramref name="splits"/>, by one restored from the saved pieces.</summary>
    private static string Run(List<byte[]> lines, int[] splits, int packIdleAfterLines)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            var options = new TrackerOptions { KeepRawLines = true, PackIdleAfterLines = packIdleAfterLines };
            var tracker = new MessageTracker(writer, options);
            var saver = new IncrementalTrackerState();
            var saved = new SavedPieces();
            for (var i = 0; i < lines.Count; i++)
            {
                if (i % 50 == 0)
                {
                    saved.Apply(saver.Take(tracker));
                }

                if (splits.Contains(i))
                {
                    saved.Apply(saver.Take(tracker));
                    tracker = new MessageTracker(writer, options);
                    var restore = tracker.BeginRestore(TrackerSnapshot.FromBytes(saved.Header!));
                    foreach (var row in saved.Rows)
                    {
                        restore.Add(TrackerSnapshot.MessageFromBytes(row));
                    }

                    restore.Finish();
                    saver = new IncrementalTrackerState();
                }

                Support.Track.Line(Envelopes, tracker, lines[i]);
            }

            tracker.Complete();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>What a store holds after applying each save: the header and one row per message id.</summary>
    private sealed class SavedPieces
    {
        private readonly SortedDictionary<long, byte[]> _rows = [];

        public byte[]? Header { get; private set; }

        public IEnumerable<byte[]> Rows => _rows.Values;

        public SortedDictionary<long, string> Messages => new(_rows.ToDictionary(r => r.Key, r => Convert.ToBase64String(r.Value)));

        public void Apply(TrackerStateChanges changes)
        {
            Header = changes.Header;
            Apply(changes.Messages);
        }

        public void Apply(TrackerMessageRows rows)
        {
            if (rows.ReplaceAll)
            {
                _rows.Clear();
            }

            foreach (var id in rows.Removed)
            {
                Assert.True(_rows.Remove(id), $"message {id} removed but never saved");
            }

            foreach (var (id, state) in rows.Changed)
            {
                _rows[id] = state;
            }
        }
    }

    /// <summary>Snapshots compared by their JSON (records compare lists by reference).</summary>
    private sealed class SnapshotHeaderComparer : IEqualityComparer<TrackerSnapshot>
    {
        public static readonly SnapshotHeaderComparer Instance = new();

        public bool Equals(TrackerSnapshot? x, TrackerSnapshot? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(TrackerSnapshot obj) => 0;
    }
}
