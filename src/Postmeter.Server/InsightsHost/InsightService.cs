using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Insights.Engine;
using Postmeter.Server.Cli;
using Postmeter.Server.Hosting;
using Postmeter.Server.WorkspaceSettings;

namespace Postmeter.Server.InsightsHost;

/// <summary>
/// Runs the insights engine beside ingestion: a step every few seconds, with the thresholds of the settings as they
/// are. While a follower reads what the logs held at start, the step walks that history (archived, never notified);
/// then the detectors run live. A failed step is logged and tried again; it never stops ingestion.
/// </summary>
internal sealed partial class InsightService(
    InsightRunner runner, SettingsStore settings, ImportPlan plan, ImportProgressState progress, TimeProvider clock, ILogger<InsightService> log)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var thresholds = settings.Stored().Insights?.Thresholds() ?? new InsightThresholds();
                var catchingUp = plan.Mode == ImportMode.Follow && !progress.CaughtUp;
                await Task.Run(() => runner.StepAsync(clock.GetUtcNow().UtcDateTime, catchingUp, thresholds, stoppingToken), stoppingToken).ConfigureAwait(false);
                failing = false;
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever a detector met (the workspace busy, a DNS library's surprise), the next step tries again:
                // insights must never stop the host, and with it ingestion.
                if (!failing)
                {
                    PutOff(log, e.Message);
                }

                failing = true;
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "insights: a step failed and is tried again: {Reason}")]
    private static partial void PutOff(ILogger logger, string reason);
}
