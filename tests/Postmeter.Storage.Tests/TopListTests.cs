using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

/// <summary>
/// Top lists over many days, asked of the store that writes (which may keep the head of a list over past days between
/// requests) and of a reader opened afresh (which adds up every row): the same ranking and counts for every range, limit,
/// dimension and status, before and after commits that add to past days, to today and to a day inside a kept list.
/// </summary>
public abstract class TopListTests(IStoreImplementation implementation)
{
    private static readonly DateTime Today = DateTime.UtcNow.Date;

    [Fact]
    public void The_writing_store_ranks_as_a_fresh_reader_adding_up_every_row_does_before_and_after_later_commits()
    {
        using var workspace = new StoreFixture(implementation);
        var random = new Random(5);
        var sequence = 0L;
        var seq = 0;
        void Commit(IEnumerable<DateTime> days, int messages, Func<int, string?>? address = null)
        {
            var batch = new CommitBatch { NextSequence = ++sequence };
            foreach (var day in days)
            {
                for (var i = 0; i < messages; i++)
                {
                    // Counted only: the rollups are what a top list reads.
                    batch.Rollups.Add(Message(random, day.AddMinutes(random.Next(24 * 60)), seq++, address?.Invoke(i)));
                }
            }

            workspace.Store.Commit(batch);
        }

        Commit(Enumerable.Range(1, 40).Select(d => Today.AddDays(-d)), 60);
        // More middling addresses than the head of a list over past days holds, and one of them busy today only.
        Commit(Enumerable.Range(1, 30).Select(d => Today.AddDays(-d)), 400, _ => $"middle{seq % 1200}@middle.example");
        Commit([Today.AddDays(-4)], 1, _ => "burst@middle.example");
        Commit([Today], 40);
        Commit([Today], 150, _ => "burst@middle.example");
        Compare(workspace);

        // A past day inside kept lists, today, and a day before them all.
        Commit([Today.AddDays(-3)], 400);
        Compare(workspace);
        Commit([Today, Today.AddDays(-60)], 200);
        Compare(workspace);

        // Retention deletes the days before its cutoff: lists over them are made again, later ones may stay.
        while (workspace.Store.DeleteOlderThan(Today.AddDays(-25).AddHours(6), 100_000) > 0)
        {
        }

        Compare(workspace);
    }

    private void Compare(StoreFixture workspace)
    {
        using var fresh = implementation.Open(workspace.Workspace, WorkspaceAccess.ReadOnly);
        TrafficDimension[] dimensions = [TrafficDimension.RecipientDomain, TrafficDimension.Recipient, TrafficDimension.Sender, TrafficDimension.SenderDomain];
        byte[][] statuses = [[(byte)Fate.Sent], [(byte)Fate.Bounced], [(byte)Fate.Sent, (byte)Fate.Bounced, (byte)Fate.Deferred]];
        TimeRange[] ranges =
        [
            new(Today.AddDays(-7), DateTime.UtcNow),
            new(Today.AddDays(-30).AddHours(5), Today.AddHours(3)),
            new(Today.AddDays(-90), DateTime.UtcNow),
            new(Today.AddDays(-20), Today.AddDays(-2)),
            // Ranges a little wider than kept lists: those serve them, with the days they leave out added up.
            new(Today.AddDays(-21).AddHours(7), Today.AddDays(-1)),
            new(Today.AddDays(-8), DateTime.UtcNow),
            TimeRange.All,
        ];
        var compared = 0;
        foreach (var dimension in dimensions)
        {
            foreach (var status in statuses)
            {
                foreach (var range in ranges)
                {
                    foreach (var limit in new[] { 1, 5, 25, 1050 })
                    {
                        var query = new TrafficQuery(dimension, range, [Direction.Outbound, Direction.Inbound], status);
                        // Twice: the second answer may come from the head the first one kept.
                        for (var round = 0; round < 2; round++)
                        {
                            var expected = fresh.ReadTop(query, limit);
                            Assert.Equal(expected, workspace.Store.ReadTop(query, limit));
                            compared += expected.Count;
                        }
                    }
                }
            }
        }

        Assert.True(compared > 1000, $"{compared} ranked keys compared");
        CompareGroups(workspace, fresh, ranges, statuses);
    }

    /// <summary>Provider groups: the writing store (which may keep group totals over past days) as a fresh reader, and as adding up every domain.</summary>
    private static void CompareGroups(StoreFixture workspace, IWorkspaceStore fresh, TimeRange[] ranges, byte[][] statuses)
    {
        var groups = Core.Classification.ProviderGroups.Parse(
            new StringReader("low domain0.example\nlow domain1.example\nmid middle.example\nhigh domain69.example\n"), "test-groups.txt");
        foreach (var status in statuses)
        {
            foreach (var range in ranges)
            {
                var query = new TrafficQuery(TrafficDimension.RecipientDomain, range, [Direction.Outbound, Direction.Inbound], status);
                var expected = fresh.ReadTop(query, int.MaxValue)
                    .GroupBy(d => groups.GroupOf(d.Key), StringComparer.Ordinal)
                    .Select(g => new RankedCount(g.Key, g.Sum(d => d.Count)))
                    .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .ToList();
                Assert.True(expected.Count >= 2, $"{expected.Count} groups");
                foreach (var limit in new[] { 2, 10 })
                {
                    for (var round = 0; round < 2; round++)
                    {
                        Assert.Equal(expected.Take(limit), workspace.Store.ReadTopGroups(query, groups, limit));
                        Assert.Equal(expected.Take(limit), fresh.ReadTopGroups(query, groups, limit));
                    }
                }
            }
        }
    }

    /// <summary>
    /// A message with one recipient, among a few hundred addresses of very different sizes and a long tail, or to a
    /// given address (then outbound and sent).
    /// </summary>
    private static TrackedMessage Message(Random random, DateTime end, int seq, string? fixedAddress = null)
    {
        var rank = (int)Math.Floor(Math.Pow(random.NextDouble(), 3) * 400);
        var message = new TrackedMessage("mail", "postfix", $"Q{seq:X8}", end)
        {
            Sender = $"user{random.Next(30)}@sender{random.Next(8)}.example",
            Direction = fixedAddress is null && random.Next(5) == 0 ? Direction.Inbound : Direction.Outbound,
            Completion = Completion.Removed,
            CompletedAt = end,
        };
        // A long tail of addresses seen once, so that a list over many days is longer than the head kept of it.
        var address = fixedAddress ?? (random.Next(10) < 4 ? $"once{seq}@domain{seq % 70}.example" : $"rcpt{rank}@domain{rank % 70}.example");
        var recipient = message.RecipientFor(address, null);
        var status = fixedAddress is not null ? DeliveryStatus.Sent : random.Next(10) switch
        {
            0 => DeliveryStatus.Bounced,
            1 => DeliveryStatus.Deferred,
            _ => DeliveryStatus.Sent,
        };
        recipient.Attempts.Add(new DeliveryAttempt(end, status, "smtp", "mx.example[192.0.2.1]:25", status == DeliveryStatus.Sent ? "2.0.0" : "5.1.1", "reply", 0.5, null));
        recipient.Fate = message.FateOf(recipient);
        return message;
    }
}
