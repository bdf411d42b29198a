using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Storage;

namespace Postmeter.Server.Hosting;

/// <summary>
/// While following: deletes what is older than the retention period every ten minutes, in small transactions on a
/// second handle beside the importer's commits. A pass that fails (the workspace busy for too long) is retried at the
/// next one; nothing it leaves is wrong, only kept a little longer.
/// </summary>
internal sealed partial class RetentionService(IWorkspaceMaintenance store, RetentionPolicy policy, TimeProvider clock, ILogger<RetentionService> log)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var companion = store.OpenCompanion();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, clock, stoppingToken).ConfigureAwait(false);
                var period = policy.Current();
                var deleted = await new RetentionCleaner(companion, period, clock).RunAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0 && log.IsEnabled(LogLevel.Information))
                {
                    Deleted(log, RetentionPeriod.Format(period), deleted);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is WorkspaceException or Microsoft.Data.Sqlite.SqliteException)
            {
                PutOff(log, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "retention ({Period}): deleted {Rows:N0} old rows")]
    internal static partial void Deleted(ILogger logger, string period, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "retention pass put off to the next one: {Reason}")]
    private static partial void PutOff(ILogger logger, string reason);
}
