using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Insights.Notifications;

namespace Postmeter.Server.InsightsHost;

/// <summary>
/// Delivers the queued notifications every few seconds (<see cref="NotificationDispatcher"/>: each channel on its own,
/// retried with backoff). Nothing here waits on ingestion or the engine, nor they on it.
/// </summary>
internal sealed partial class NotificationService(NotificationDispatcher dispatcher, TimeProvider clock, ILogger<NotificationService> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rounds = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // Not awaited: a channel still busy from an earlier round is skipped by the next, the others go on.
            rounds.RemoveAll(r => r.IsCompleted);
            rounds.Add(RoundAsync(stoppingToken));
        }

        await Task.WhenAll(rounds).ConfigureAwait(false);
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            var delivered = await dispatcher.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            if (delivered > 0 && log.IsEnabled(LogLevel.Information))
            {
                Delivered(log, delivered);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Delivery is tried again at the next round; it never stops the host, and with it ingestion.
            PutOff(log, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "notifications: {Count} delivered")]
    private static partial void Delivered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "notifications put off: {Reason}")]
    private static partial void PutOff(ILogger logger, string reason);
}
