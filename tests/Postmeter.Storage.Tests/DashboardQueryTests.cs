using Postmeter.Core.Parsing;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class DashboardQueryTests(IStoreImplementation implementation)
{
    [Theory]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Login_activity_counts_what_the_line_statistics_count_and_ranks_the_stored_failures(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        var lines = workspace.Store.ReadLineStatistics(TimeRange.All);

        var activity = workspace.Store.ReadLoginActivity(TimeRange.All, 3);

        Assert.Equal(lines.SaslLogins, activity.Hours.Sum(h => h.Successes));
        Assert.Equal(lines.Count(PostfixEventKind.SaslFailure), activity.Hours.Sum(h => h.Failures));
        Assert.True(activity.Hours.Sum(h => h.Failures) > 0);
        Assert.Equal(activity.Hours.OrderBy(h => h.Hour).Select(h => h.Hour), activity.Hours.Select(h => h.Hour));
        var expected = import.Records.Where(r => r.AuthFailure?.ClientIp is not null)
            .GroupBy(r => r.AuthFailure!.ClientIp!).Select(g => new RankedCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Take(3);
        Assert.Equal(expected, activity.FailingClients);
    }

    [Fact]
    public void A_range_selects_the_hours_that_overlap_it_and_the_failures_inside_it()
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Named("seed42"), workspace.Store);
        var all = workspace.Store.ReadLoginActivity(TimeRange.All, 100);
        var first = all.Hours[0].Hour;

        var none = workspace.Store.ReadLoginActivity(new TimeRange(first.AddDays(-2), first.AddDays(-1)), 100);
        var same = workspace.Store.ReadLoginActivity(new TimeRange(first.AddMinutes(30), first.AddDays(3)), 100);

        Assert.Empty(none.Hours);
        Assert.Empty(none.FailingClients);
        Assert.Equal(all.Hours, same.Hours);
    }
}
