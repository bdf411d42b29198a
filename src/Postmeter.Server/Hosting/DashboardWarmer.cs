using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Core.Classification;
using Postmeter.Core.Tracking;
using Postmeter.Server.Api;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Server.Hosting;

/// <summary>
/// Asks the dashboard's usual top lists over the last 7, 30 and 90 days once the first import is done and again each
/// UTC day, so that the store keeps them (<c>SettledTopLists</c>) before anyone opens the dashboard: made on demand,
/// the first view of 90 days on ten million deliveries waited seconds. Each list is over the past UTC days that a
/// preset of that many days covers in any time zone, so that the store serves every browser's range from it.
/// </summary>
internal sealed partial class DashboardWarmer(
    IDashboardQueries queries, ProviderGroups providers, ImportProgressState progress, TimeProvider clock, ILogger<DashboardWarmer> log)
    : BackgroundService
{
    private static readonly int[] PresetDays = [7, 30, 90];
    private static readonly TimeSpan Check = TimeSpan.FromMinutes(1);
    private static readonly IReadOnlyCollection<Direction> AllDirections = [Direction.Outbound, Direction.Inbound, Direction.Local];
    private static readonly IReadOnlyCollection<Direction>[] DashboardDirections = [[Direction.Outbound], AllDirections];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? warmed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Check, clock, stoppingToken).ConfigureAwait(false);
                var today = clock.GetUtcNow().UtcDateTime.Date;
                if (warmed == today || progress.CatchingUp)
                {
                    continue;
                }

                var started = clock.GetTimestamp();
                await Task.Run(() => Warm(today, stoppingToken), stoppingToken).ConfigureAwait(false);
                warmed = today;
                if (log.IsEnabled(LogLevel.Information))
                {
                    Warmed(log, clock.GetElapsedTime(started).TotalSeconds);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Only a head start is lost: the dashboard makes what it asks for itself.
                PutOff(log, e.Message);
            }
        }
    }

    /// <summary>The lists one dashboard view asks for, over each preset's days.</summary>
    internal void Warm(DateTime today, CancellationToken cancel)
    {
        foreach (var days in PresetDays)
        {
            // A preset of N local days covers, in every time zone, the past UTC days from N-2 days ago to yesterday.
            var range = new TimeRange(today.AddDays(-(days - 2)), today);
            foreach (var directions in DashboardDirections)
            {
                foreach (var (dimension, fate) in new[] { (TrafficDimension.RecipientDomain, "any"), (TrafficDimension.RecipientDomain, "bounced"), (TrafficDimension.RecipientDomain, "deferred"), (TrafficDimension.Sender, "any") })
                {
                    cancel.ThrowIfCancellationRequested();
                    queries.ReadTop(new TrafficQuery(dimension, range, directions, DashboardApi.FateStatuses(fate)), 10);
                }

                queries.ReadTopGroups(new TrafficQuery(TrafficDimension.RecipientDomain, range, directions, DashboardApi.FateStatuses("any")), providers, 10);
            }

            queries.ReadTop(new TrafficQuery(TrafficDimension.MailboxSent, range, AllDirections, DashboardApi.FateStatuses("any")), 10);
            foreach (var status in new[] { (byte)Fate.Bounced, (byte)Fate.Deferred, TrafficStatus.Rejected })
            {
                cancel.ThrowIfCancellationRequested();
                foreach (var reason in queries.ReadTop(new TrafficQuery(TrafficDimension.Reason, range, AllDirections, [status]), 5))
                {
                    queries.ReadKeysWithPrefix(new TrafficQuery(TrafficDimension.ReasonDomain, range, AllDirections, [status]), reason.Key + TrafficStatus.DomainSeparator);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "dashboard lists of the last 7, 30 and 90 days made in {Seconds:F1} s")]
    private static partial void Warmed(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dashboard lists put off to the next minute: {Reason}")]
    private static partial void PutOff(ILogger logger, string reason);
}
