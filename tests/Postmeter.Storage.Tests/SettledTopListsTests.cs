using Postmeter.Storage.Sqlite;

namespace Postmeter.Storage.Tests;

/// <summary>The writing store's lists over past days: which one serves a range, and which one goes when too many are kept.</summary>
public sealed class SettledTopListsTests
{
    private static readonly long Day = TimeSpan.TicksPerDay;

    [Fact]
    public void A_list_serves_a_range_a_few_days_wider_but_not_one_made_after_the_callers_snapshot()
    {
        var lists = new SettledTopLists();
        var version = lists.Version;
        lists.Keep("q", List(10 * Day, 20 * Day, version));
        lists.Written([]);
        var later = lists.Version;
        lists.Keep("newer", List(10 * Day, 20 * Day, later));

        Assert.NotNull(lists.Find("q", 7 * Day, 20 * Day, version));
        Assert.Null(lists.Find("q", 6 * Day, 20 * Day, version));
        Assert.Null(lists.Find("q", 11 * Day, 20 * Day, version));
        Assert.Null(lists.Find("newer", 10 * Day, 20 * Day, version));
        Assert.NotNull(lists.Find("newer", 10 * Day, 20 * Day, later));
    }

    [Fact]
    public void The_list_in_use_stays_when_too_many_are_kept_and_the_one_unused_longest_goes()
    {
        var lists = new SettledTopLists();
        lists.Keep("busy", List(0, 10 * Day, 0));
        lists.Keep("idle", List(0, 10 * Day, 0));
        for (var i = 0; i < 300; i++)
        {
            Assert.NotNull(lists.Find("busy", 0, 10 * Day, 0));
            lists.Keep($"other{i}", List(0, 10 * Day, 0));
        }

        Assert.NotNull(lists.Find("busy", 0, 10 * Day, 0));
        Assert.Null(lists.Find("idle", 0, 10 * Day, 0));
    }

    [Fact]
    public void Retention_drops_the_lists_over_the_days_it_may_have_deleted_only()
    {
        var lists = new SettledTopLists();
        lists.Keep("old", List(5 * Day, 15 * Day, 0));
        lists.Keep("recent", List(12 * Day, 20 * Day, 0));

        lists.DeletedBefore(10 * Day);

        Assert.Null(lists.Find("old", 5 * Day, 15 * Day, lists.Version));
        Assert.NotNull(lists.Find("recent", 12 * Day, 20 * Day, lists.Version));
    }

    private static SettledTopList List(long from, long to, long version) => new(from, to, version, new Dictionary<string, long> { ["k"] = 1 }, 0);
}
