using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Postmeter.Core.Classification;
using Postmeter.Insights.Detectors;
using Postmeter.Insights.Engine;
using Postmeter.Storage;
using Postmeter.Storage.Detective;
using Postmeter.Storage.Sqlite;

namespace Postmeter.QueryBench;

/// <summary>
/// The insights engine over a large workspace: the first walk over its whole history (10-minute steps in the log's
/// clock, every detector that runs over history at its interval), then a live step of every detector, timed.
/// The workspace's insights are cleared first, so each run walks from the start.
/// </summary>
internal static class InsightTimer
{
    public static async Task<int> Run(string workspace, int iterations)
    {
        ClearInsights(Path.Combine(workspace, "postmeter.db"));
        using var store = WorkspaceStores.Open(workspace, readOnly: false);
        using var insights = WorkspaceStores.OpenInsights(workspace);
        using var accounts = WorkspaceStores.OpenAccounts(workspace);
        IReadOnlyList<IDetector> detectors =
        [
            new HighBounceRate(store), new MailInactivity(store), new BlockedByProvider(store), new ProviderDeferralSpike(store, ProviderGroups.Default),
            new RejectSpike(store), new SmtpAuthAttack(store), new DeferredBacklog(store), new DetectiveEscalations((IEscalationStore)accounts, insights),
            new Welcome(insights),
        ];
        var engine = new InsightEngine(insights, detectors, new NoChannels());
        var runner = new InsightRunner(engine, insights, store, store);
        var newest = store.NewestLogTime() ?? throw new InvalidOperationException("the workspace holds no mail");
        var days = store.ReadTraffic(TimeRange.All).Select(r => r.Hour.Date).Distinct().Count();

        var walk = Stopwatch.StartNew();
        await runner.StepAsync(newest.AddMinutes(1), catchingUp: false, new InsightThresholds(), CancellationToken.None);
        walk.Stop();
        var found = insights.Read(new Storage.Insights.InsightFilter(null, null, null, null, null, null, 100_000));
        Console.WriteLine(FormattableString.Invariant(
            $"history walk: {days} days with mail in {walk.Elapsed.TotalSeconds:F1} s ({walk.Elapsed.TotalMilliseconds / (days * 144.0):F2} ms per 10-minute step), {found.Count(i => i.History)} insights archived: {string.Join(", ", found.Where(i => i.History).GroupBy(i => i.Type).Select(g => $"{g.Key} {g.Count()}"))}"));

        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            engine.ResetSchedule();
            var step = Stopwatch.StartNew();
            await engine.RunDueAsync(newest.AddMinutes(2 + i), history: false, new InsightThresholds(), CancellationToken.None);
            times.Add(step.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"live step, every detector once: p50 {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms over {iterations} runs"));
        foreach (var detector in detectors)
        {
            var one = Stopwatch.StartNew();
            await detector.DetectAsync(new DetectionContext(newest.AddMinutes(30), false, new InsightThresholds()), CancellationToken.None);
            Console.WriteLine(FormattableString.Invariant($"  {detector.Type,-24} {one.Elapsed.TotalMilliseconds,8:F1} ms"));
        }

        return 0;
    }

    private static void ClearInsights(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM insight_notifications; DELETE FROM notification_channels; DELETE FROM insights; DELETE FROM insight_engine;";
        command.ExecuteNonQuery();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cleared the insights of {database}"));
    }

    private sealed class NoChannels : INotificationRouter
    {
        public IReadOnlyCollection<string> ChannelsFor(string type, string rating, string category) => [];
    }
}
