using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class RollupTests(IStoreImplementation implementation)
{
    [Theory]
    [InlineData("filter")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Rollups_count_every_final_recipient_once_by_the_hour_of_its_fate(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        var expected = import.Messages
            .SelectMany(m => m.FinalRecipients.Select(r => (
                Hour: HourlyLineStatistics.HourOf(r.FateAt ?? m.CompletedAt ?? m.LastSeen),
                m.Direction,
                r.Fate,
                Domain: Domain(r.Address),
                Sender: Domain(m.Sender),
                Deferrals: (long)r.DeferralCount)))
            .GroupBy(x => (x.Hour, x.Direction, x.Fate, x.Domain, x.Sender))
            .ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Deferrals: g.Sum(x => x.Deferrals)));

        var rows = workspace.Store.ReadRollups(TimeRange.All);

        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = (row.Hour, row.Direction, row.Status, row.RecipientDomain, row.SenderDomain);
            Assert.Equal(expected[key], (row.Count, row.DeferralAttempts));
        }

        Assert.Equal(import.Messages.Sum(m => m.FinalRecipients.Count()), rows.Sum(r => r.Count));
    }

    [Fact]
    public void Fate_totals_from_rollups_equal_the_fates_of_the_messages()
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Seed42, workspace.Store);

        var fromRollups = workspace.Store.ReadRollups(TimeRange.All).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var fromMessages = import.Messages.SelectMany(m => m.FinalRecipients).GroupBy(r => r.Fate).ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(fromMessages.OrderBy(p => p.Key), fromRollups.OrderBy(p => p.Key));
        Assert.True(fromRollups.GetValueOrDefault(Fate.Sent) > 0 && fromRollups.GetValueOrDefault(Fate.Bounced) > 0);
    }

    [Fact]
    public void Rollups_name_the_provider_of_the_recipient_domain_in_lower_case()
    {
        using var workspace = new StoreFixture(implementation);
        var at = new DateTime(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);
        var message = Messages.Sent("mail", "AAA111", at, "Boss@Example.NET", "Someone@GMail.com", "x@t-online.de", "nobody");
        workspace.Store.Commit(Messages.Batch(0, message));

        var rows = workspace.Store.ReadRollups(TimeRange.All);

        Assert.Equal(
            [("", "other", "example.net"), ("gmail.com", "google", "example.net"), ("t-online.de", "t-online", "example.net")],
            rows.Select(r => (r.RecipientDomain, r.ProviderGroup, r.SenderDomain)).Order());
        Assert.All(rows, r => Assert.Equal(new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc), r.Hour));
    }

    [Fact]
    public void Increments_of_later_commits_add_to_the_same_hour()
    {
        using var workspace = new StoreFixture(implementation);
        var at = new DateTime(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);
        workspace.Store.Commit(Messages.Batch(0, Messages.Sent("mail", "AAA111", at, "a@example.net", "b@gmail.com")));
        workspace.Store.Commit(Messages.Batch(1, Messages.Sent("mail", "AAA112", at.AddMinutes(20), "a@example.net", "c@gmail.com", "d@gmail.com")));

        var row = Assert.Single(workspace.Store.ReadRollups(TimeRange.All));

        Assert.Equal(3, row.Count);
    }

    [Fact]
    public void Rollups_of_a_range_are_the_hours_that_overlap_it()
    {
        using var workspace = new StoreFixture(implementation);
        var at = new DateTime(2026, 11, 21, 10, 15, 0, DateTimeKind.Utc);
        for (var i = 0; i < 5; i++)
        {
            workspace.Store.Commit(Messages.Batch(i, Messages.Sent("mail", $"AAA11{i}", at.AddHours(i), "a@example.net", "b@gmail.com")));
        }

        var rows = workspace.Store.ReadRollups(new TimeRange(at.AddHours(1).AddMinutes(30), at.AddHours(3)));

        Assert.Equal([11, 12, 13], rows.Select(r => r.Hour.Hour));
    }

    private static string Domain(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 ? string.Empty : address![(at + 1)..].ToLowerInvariant();
    }
}
