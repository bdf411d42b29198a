using Microsoft.Extensions.Logging.Abstractions;
using Postmeter.Core.Classification;
using Postmeter.Core.Tracking;
using Postmeter.Server.Hosting;
using Postmeter.Server.Tests.Cli;
using Postmeter.Server.Tests.Web;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Tests.Hosting;

/// <summary>
/// The warmer makes the dashboard's lists before anyone asks: afterwards a browser's 7-, 30- and 90-day presets, in
/// time zones on both sides of UTC, are answered from them (no list is made), with the counts a fresh reader adds up.
/// </summary>
public sealed class DashboardWarmerTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void After_warming_every_time_zones_presets_are_served_from_kept_lists_with_the_same_counts()
    {
        var workspace = _temp.Path("ws");
        Assert.Equal(0, CliRunner.Run(["-workspace", workspace, "-watch_dir", LogFolders.WithAllRealRuns(_temp), "-importonly"]).ExitCode);
        using var store = SqliteWorkspaceStore.Open(workspace, WorkspaceAccess.ReadWrite, new FixedClock(Now));
        var warmer = new DashboardWarmer(store, ProviderGroups.Default, new ImportProgressState(), new FixedClock(Now), NullLogger<DashboardWarmer>.Instance);

        warmer.Warm(Now.Date, CancellationToken.None);
        var made = store.Settled!.Made;

        using var fresh = SqliteWorkspaceStore.Open(workspace, WorkspaceAccess.ReadOnly);
        var compared = 0;
        foreach (var offset in new[] { -10, -5, 0, 2, 9, 13 })
        {
            foreach (var days in new[] { 7, 30, 90 })
            {
                // The preset as that browser sends it: its local midnights, N days back to the end of today.
                var localToday = Now.AddHours(offset).Date;
                var range = new TimeRange(localToday.AddDays(-(days - 1)).AddHours(-offset), localToday.AddDays(1).AddHours(-offset));
                foreach (var directions in new IReadOnlyCollection<Direction>[] { [Direction.Outbound], [Direction.Outbound, Direction.Inbound, Direction.Local] })
                {
                    var query = new TrafficQuery(TrafficDimension.Sender, range, directions, [0, 1, 2, 3, 4]);
                    Assert.Equal(fresh.ReadTop(query, 10), store.ReadTop(query, 10));
                    var groups = query with { Dimension = TrafficDimension.RecipientDomain };
                    Assert.Equal(fresh.ReadTopGroups(groups, ProviderGroups.Default, 10), store.ReadTopGroups(groups, ProviderGroups.Default, 10));
                    compared += fresh.ReadTop(query, 10).Count;
                }
            }
        }

        Assert.True(made > 0);
        Assert.Equal(made, store.Settled.Made);
        Assert.True(compared > 0, "the presets found no senders");
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
