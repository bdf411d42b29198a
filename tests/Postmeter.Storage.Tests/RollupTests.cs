using Postmeter.Core.Classification;
using Postmeter.Core.Processing;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

/// <summary>The dashboard's rollups and the queries that read them, against what the messages themselves say.</summary>
public abstract class RollupTests(IStoreImplementation implementation)
{
    private static readonly Direction[] AllDirections = [Direction.Outbound, Direction.Inbound, Direction.Local];
    private static readonly byte[] AllFates = [0, 1, 2, 3, 4];
    private static readonly DateTime Day1 = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("filter")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Every_final_recipient_counts_once_at_the_hour_its_message_ended_and_every_reject_at_its_own(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        var expected = import.Messages
            .SelectMany(m => m.FinalRecipients.Select(r => (Hour: HourlyLineStatistics.HourOf(m.EndedAt), m.Direction, Status: (byte)r.Fate, Deferrals: (long)r.DeferralCount)))
            .Concat(import.Messages.Where(m => m.ReturnedToSender).Select(m => (Hour: HourlyLineStatistics.HourOf(m.EndedAt), m.Direction, Status: TrafficStatus.Returned, Deferrals: 0L)))
            .Concat(import.Records.Where(r => r.Reject is not null).Select(r => (Hour: HourlyLineStatistics.HourOf(r.Reject!.Time), Direction: Direction.Inbound, Status: TrafficStatus.Rejected, Deferrals: 0L)))
            .GroupBy(x => (x.Hour, x.Direction, x.Status))
            .ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Deferrals: g.Sum(x => x.Deferrals)));

        var rows = workspace.Store.ReadTraffic(TimeRange.All);

        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal(expected[(row.Hour, row.Direction, row.Status)], (row.Count, row.DeferralAttempts)));
        Assert.Contains(rows, row => row.Status == (byte)Fate.Bounced);
    }

    [Fact]
    public void Counts_over_a_range_are_those_of_a_report_of_the_workspace_over_it_mail_in_flight_included()
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Seed42, workspace.Store);
        var tracker = PartialTracking.Until(Fixtures.Filter, fraction: 0.6);
        PartialTracking.Save(tracker, workspace.Store, workspace.Store.LoadImportState().NextSequence);
        var hours = workspace.Store.ReadTraffic(TimeRange.All).Select(r => r.Hour).Distinct().Order().ToList();
        var now = HourlyLineStatistics.HourOf(tracker.Snapshot().Now);

        TimeRange[] ranges =
        [
            TimeRange.All,
            new(hours[0], hours[0].AddHours(1)),
            new(hours[0].AddHours(1), now),
            new(now, now.AddHours(1)),
            new(hours[0], hours[^1].AddHours(1)),
        ];
        foreach (var range in ranges)
        {
            var report = new ReportBuilder(FailureClassifier.Default);
            workspace.Store.ReplayToEnd(range, report);
            var totals = report.Build(new LineStatistics(), 0).Totals;
            var counted = Totals(workspace.Store.ReadTraffic(range));

            Assert.Equal(
                (totals.Delivered, totals.Bounced, totals.Deferred, totals.Expired, totals.Discarded, totals.ReturnedToSender, totals.Rejected, totals.DeferralAttempts),
                (counted.Of(Fate.Sent), counted.Of(Fate.Bounced), counted.Of(Fate.Deferred), counted.Of(Fate.Expired), counted.Of(Fate.Discarded),
                 counted.Returned, counted.Rejected, counted.DeferralAttempts));
        }

        var inFlight = Totals(workspace.Store.ReadTraffic(new TimeRange(now, now.AddHours(1))));
        Assert.True(inFlight.Of(Fate.Deferred) > 0 || inFlight.Of(Fate.Sent) > 0, "the mail in flight is counted at the last commit's hour");
    }

    [Fact]
    public void Keys_are_lower_cased_and_missing_domains_are_named_as_the_report_names_them()
    {
        using var workspace = new StoreFixture(implementation);
        var at = Day1.AddHours(10).AddMinutes(15);
        workspace.Store.Commit(Messages.Batch(0, Messages.Sent("mail", "AAA111", at, "Boss@Example.NET", "Someone@GMail.com", "x@t-online.de", "nobody")));
        var range = new TimeRange(Day1, Day1.AddDays(1));

        Assert.Equal(["(no domain)", "gmail.com", "t-online.de"], Top(workspace.Store, TrafficDimension.RecipientDomain, range).Select(r => r.Key).Order());
        Assert.Equal([new RankedCount("example.net", 3)], Top(workspace.Store, TrafficDimension.SenderDomain, range));
        Assert.Equal([new RankedCount("boss@example.net", 3)], Top(workspace.Store, TrafficDimension.Sender, range));
        Assert.Equal([new RankedCount("boss@example.net", 3)], Top(workspace.Store, TrafficDimension.MailboxSent, range));
        Assert.Equal(["nobody", "someone@gmail.com", "x@t-online.de"], Top(workspace.Store, TrafficDimension.Recipient, range).Select(r => r.Key).Order());
        Assert.Empty(Top(workspace.Store, TrafficDimension.MailboxReceived, range));
    }

    [Fact]
    public void A_long_range_adds_whole_days_and_the_hours_around_them_and_equals_the_count_of_its_messages()
    {
        using var workspace = new StoreFixture(implementation);
        var messages = new List<TrackedMessage>();
        for (var hour = 0; hour < 72; hour += 5)
        {
            var at = Day1.AddHours(hour).AddMinutes(10);
            var recipients = Enumerable.Range(0, 1 + (hour % 3)).Select(i => $"user{i}@domain{hour % 4}.example").ToArray();
            messages.Add(Messages.Sent("mail", $"Q{hour:D3}", at, $"sender{hour % 2}@example.net", recipients));
            workspace.Store.Commit(Messages.Batch(hour, messages[^1]));
        }

        TimeRange[] ranges = [new(Day1.AddHours(20), Day1.AddHours(53)), new(Day1.AddHours(3), Day1.AddHours(9)), new(Day1, Day1.AddDays(3)), new(Day1.AddHours(47), Day1.AddHours(49))];
        foreach (var range in ranges)
        {
            var inRange = messages.Where(m => range.Contains(m.EndedAt)).ToList();
            var expected = inRange.SelectMany(m => m.Recipients.Select(r => r.Address[(r.Address.IndexOf('@') + 1)..]))
                .GroupBy(d => d).Select(g => new RankedCount(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal);
            Assert.Equal(expected, Top(workspace.Store, TrafficDimension.RecipientDomain, range));

            var series = workspace.Store.ReadSeries(Query(TrafficDimension.MailboxSent, range), daily: false, ["sender0@example.net", "sender1@example.net"]);
            var expectedSeries = inRange.GroupBy(m => (HourlyLineStatistics.HourOf(m.EndedAt), m.Sender!))
                .Select(g => new KeyedPeriod(g.Key.Item1, g.Key.Item2, g.Sum(m => m.Recipients.Count)));
            Assert.Equal(expectedSeries.OrderBy(p => p.Period).ThenBy(p => p.Key), series.OrderBy(p => p.Period).ThenBy(p => p.Key));

            var daily = workspace.Store.ReadSeries(Query(TrafficDimension.MailboxSent, range), daily: true, ["sender0@example.net"]);
            Assert.Equal(
                inRange.Where(m => m.Sender == "sender0@example.net").GroupBy(m => m.EndedAt.Date).Select(g => (g.Key, (long)g.Sum(m => m.Recipients.Count))).OrderBy(p => p.Key),
                daily.OrderBy(p => p.Period).Select(p => (p.Period, p.Count)));
        }

        // Senders are kept per day: a range counts the whole days it overlaps.
        Assert.Equal(
            messages.Where(m => m.EndedAt.Date == Day1.AddDays(1)).Sum(m => m.Recipients.Count),
            Top(workspace.Store, TrafficDimension.Sender, new TimeRange(Day1.AddHours(30), Day1.AddHours(31))).Sum(r => r.Count));
    }

    [Fact]
    public void Increments_of_later_commits_add_to_the_same_rows()
    {
        using var workspace = new StoreFixture(implementation);
        var at = Day1.AddHours(10).AddMinutes(15);
        workspace.Store.Commit(Messages.Batch(0, Messages.Sent("mail", "AAA111", at, "a@example.net", "b@gmail.com")));
        workspace.Store.Commit(Messages.Batch(1, Messages.Sent("mail", "AAA112", at.AddMinutes(20), "a@example.net", "c@gmail.com", "d@gmail.com")));

        var row = Assert.Single(workspace.Store.ReadTraffic(TimeRange.All));

        Assert.Equal((Day1.AddHours(10), 3L), (row.Hour, row.Count));
        Assert.Equal([new RankedCount("gmail.com", 3)], Top(workspace.Store, TrafficDimension.RecipientDomain, TimeRange.All));
    }

    [Fact]
    public void A_top_list_keeps_its_limit_and_ranks_ties_by_key()
    {
        using var workspace = new StoreFixture(implementation);
        var at = Day1.AddHours(10);
        workspace.Store.Commit(Messages.Batch(0, Messages.Sent("mail", "AAA111", at, "a@example.net", "x@b.example", "y@b.example", "x@a.example", "y@a.example", "x@c.example")));

        Assert.Equal(
            [new RankedCount("a.example", 2), new RankedCount("b.example", 2)],
            workspace.Store.ReadTop(Query(TrafficDimension.RecipientDomain, TimeRange.All), 2));
    }

    [Theory]
    [InlineData("seed42")]
    [InlineData("seed11")]
    public void Failure_causes_are_the_reports_with_an_example_reply(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        var report = new ReportBuilder(FailureClassifier.Default, topCount: 1000);
        workspace.Store.ReplayToEnd(TimeRange.All, report);
        var built = report.Build(new LineStatistics(), 0);

        foreach (var (status, expected) in new[] { ((byte)Fate.Bounced, built.BounceReasons), ((byte)Fate.Deferred, built.DeferralReasons), (TrafficStatus.Rejected, built.RejectReasons) })
        {
            var causes = workspace.Store.ReadTop(new TrafficQuery(TrafficDimension.Reason, TimeRange.All, AllDirections, [status]), 1000);
            Assert.Equal(
                expected.Select(r => (r.Category, r.Provider, r.Reason, r.Count)).Order(),
                causes.Select(c => (FailureReason.FromKey(c.Key), c.Count)).Select(c => (c.Item1.Category, c.Item1.Provider, c.Item1.Text, c.Count)).Order());
            var examples = workspace.Store.ReadReasonExamples([.. causes.Select(c => c.Key)]);
            Assert.All(causes, c => Assert.False(string.IsNullOrEmpty(examples.GetValueOrDefault(c.Key)), $"no example for {c.Key}"));
            var domains = workspace.Store.ReadTop(new TrafficQuery(TrafficDimension.ReasonDomain, TimeRange.All, AllDirections, [status]), 10_000);
            Assert.Equal(causes.Sum(c => c.Count), domains.Sum(d => d.Count));

            // The domains of each cause, read by its prefix: over everything, and over whole days with edge hours.
            var newest = workspace.Store.NewestLogTime()!.Value;
            foreach (var range in new[] { TimeRange.All, new TimeRange(newest.Date.AddDays(-2).AddHours(-5), newest.AddHours(1)) })
            {
                var query = new TrafficQuery(TrafficDimension.ReasonDomain, range, AllDirections, [status]);
                var all = workspace.Store.ReadTop(query, 10_000);
                foreach (var cause in causes)
                {
                    var prefix = cause.Key + TrafficStatus.DomainSeparator;
                    Assert.Equal(all.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)), workspace.Store.ReadKeysWithPrefix(query, prefix));
                }
            }
        }

        Assert.NotEmpty(built.BounceReasons);
    }

    private static IReadOnlyList<RankedCount> Top(IWorkspaceStore store, TrafficDimension dimension, TimeRange range) =>
        store.ReadTop(Query(dimension, range), 1000);

    private static TrafficQuery Query(TrafficDimension dimension, TimeRange range) => new(dimension, range, AllDirections, AllFates);

    private static Counted Totals(IEnumerable<TrafficRow> rows)
    {
        var counted = new Counted();
        foreach (var row in rows)
        {
            counted.ByStatus[row.Status] = counted.ByStatus.GetValueOrDefault(row.Status) + row.Count;
            counted.DeferralAttempts += row.DeferralAttempts;
        }

        return counted;
    }

    private sealed class Counted
    {
        public Dictionary<byte, long> ByStatus { get; } = [];

        public long DeferralAttempts { get; set; }

        public long Returned => ByStatus.GetValueOrDefault(TrafficStatus.Returned);

        public long Rejected => ByStatus.GetValueOrDefault(TrafficStatus.Rejected);

        public long Of(Fate fate) => ByStatus.GetValueOrDefault((byte)fate);
    }
}
