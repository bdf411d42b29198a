using Postmeter.Core.Processing;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class LineStatisticsTests(IStoreImplementation implementation)
{
    [Theory]
    [InlineData("filter")]
    [InlineData("seed42")]
    public void Stored_line_counts_equal_the_live_counts(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);

        var stored = workspace.Store.ReadLineStatistics(TimeRange.All);

        Assert.Equal(Describe(import.Lines), Describe(stored));
        Assert.NotNull(stored.PostfixVersion);
        Assert.True(stored.Lines > 500);
    }

    [Fact]
    public void A_range_reads_the_hours_that_overlap_it()
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.AllInTimeOrder, workspace.Store);
        var hours = import.Hours.Keys.Order().ToList();
        Assert.True(hours.Count >= 2, "the fixture should span hours");
        var from = hours[1].AddMinutes(59).AddSeconds(59);

        var stored = workspace.Store.ReadLineStatistics(new TimeRange(from, null));

        var expected = new LineStatistics();
        foreach (var hour in hours.Skip(1))
        {
            expected.Add(import.Hours[hour]);
        }

        Assert.Equal(Describe(expected), Describe(stored));
        Assert.Equal(0, workspace.Store.ReadLineStatistics(new TimeRange(null, hours[0])).Lines);
    }

    [Fact]
    public void Counts_committed_for_the_same_hour_add_up_and_widen_its_span()
    {
        using var workspace = new StoreFixture(implementation);
        var hour = new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
        var first = new LineStatistics();
        first.AddCounter("lines", 10);
        first.AddCounter("program:dovecot", 3);
        first.Include(hour.AddMinutes(5), hour.AddMinutes(20));
        first.SetPostfixVersion("3.7.11");
        var second = new LineStatistics();
        second.AddCounter("lines", 5);
        second.AddCounter("program:dovecot", 1);
        second.Include(hour.AddMinutes(1), hour.AddMinutes(10));
        workspace.Store.Commit(Batch(hour, first));
        workspace.Store.Commit(Batch(hour, second));

        var stored = workspace.Store.ReadLineStatistics(TimeRange.All);

        Assert.Equal(15, stored.Lines);
        Assert.Equal(4, stored.UnsupportedByProgram["dovecot"]);
        Assert.Equal(hour.AddMinutes(1), stored.FirstTime);
        Assert.Equal(hour.AddMinutes(20), stored.LastTime);
        Assert.Equal("3.7.11", stored.PostfixVersion);
        Assert.Equal(DateTimeKind.Utc, stored.FirstTime!.Value.Kind);
    }

    private static CommitBatch Batch(DateTime hour, LineStatistics counts)
    {
        var batch = new CommitBatch();
        batch.LineCounts[hour] = counts;
        return batch;
    }

    private static string Describe(LineStatistics s) =>
        string.Join(",", s.Counters().OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"))
        + $"|{s.FirstTime:O}|{s.LastTime:O}|{s.PostfixVersion}";
}
