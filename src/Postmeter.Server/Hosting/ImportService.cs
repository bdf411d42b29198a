using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Server.Cli;
using Postmeter.Storage;

namespace Postmeter.Server.Hosting;

/// <summary>
/// Runs the plan's ingestion on a thread of its own (the importer's pipeline is synchronous and owns its threads):
/// a one-shot import, a live feed, following or receiving, until it ends or the host stops; then logs the summary,
/// runs the retention pass after a run that was not stopped, and stops the host.
/// </summary>
internal sealed partial class ImportService(
    ImportPlan plan,
    CliContext context,
    IWorkspaceStore store,
    WorkspaceImporter importer,
    LogFollower follower,
    LogReceiver receiver,
    ImportOutcome outcome,
    IngestionStatus status,
    IHostApplicationLifetime lifetime,
    ILogger<ImportService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only once the whole host has started (the web server listening): a host that fails to start imports nothing.
        if (await HostStarted(stoppingToken))
        {
            await Task.Factory.StartNew(() => RunToEnd(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private async Task<bool> HostStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStart = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStop = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task.ConfigureAwait(false);
    }

    private void RunToEnd(CancellationToken stop)
    {
        try
        {
            status.Running();
            Run(stop);
            status.Ended(stop.IsCancellationRequested ? "stopping" : "the log source ended");
        }
        catch (Exception e)
        {
            status.Ended("ingestion failed (the log says why)");
            outcome.Failed(e);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private void Run(CancellationToken stop)
    {
        if (plan.Rsync)
        {
            RsyncNeedsNothing(log);
        }

        if (plan.Mode == ImportMode.Receive)
        {
            Receiving(log, store.Location);
        }
        else
        {
            Importing(log, plan.Inputs.Count, store.Location);
        }

        var (summary, stopped) = plan.Mode switch
        {
            ImportMode.Batch => (importer.Import(plan.Inputs, context.OpenStdin, stop: stop), stop.IsCancellationRequested),
            ImportMode.LiveStandardInput => ReadLiveStandardInput(stop),
            ImportMode.Follow => (follower.Follow(stop), true),
            _ => (receiver.Receive(stop), true),
        };

        var rate = summary.Elapsed.TotalSeconds > 0 ? summary.LinesRead / summary.Elapsed.TotalSeconds : 0;
        Imported(log, summary.LinesRead, summary.SourcesRead, summary.SourcesUnchanged, summary.Elapsed.TotalSeconds, rate, summary.RecordsCommitted);
        if (log.IsEnabled(LogLevel.Debug))
        {
            Costs(
                log, summary.Commits, summary.CommitTime.TotalSeconds, summary.SnapshotTime.TotalSeconds, summary.IndexTime.TotalSeconds,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);
        }
        // A stop must be quick: what is out of the retention period now goes with the next run's pass.
        var deleted = stopped ? 0 : new RetentionCleaner(store, plan.Retention) { BatchRows = 5000 }.RunNow();
        if (deleted > 0 && log.IsEnabled(LogLevel.Information))
        {
            RetentionService.Deleted(log, RetentionPeriod.Format(plan.Retention), deleted);
        }

        Finished(log);
    }

    private (ImportSummary, bool) ReadLiveStandardInput(CancellationToken stop)
    {
        ReadingAsItComes(log);
        return (importer.Import(plan.Inputs, context.OpenStdin, live: true, stop: stop), stop.IsCancellationRequested);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "-logs_use_rsync: nothing to change; a copy rsync renames over a log file is recognised by its content and read on where it stood")]
    private static partial void RsyncNeedsNothing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "receiving log lines into workspace {Workspace}")]
    private static partial void Receiving(ILogger logger, string workspace);

    [LoggerMessage(Level = LogLevel.Information, Message = "importing {Count} log source(s) into workspace {Workspace}")]
    private static partial void Importing(ILogger logger, int count, string workspace);

    [LoggerMessage(Level = LogLevel.Information, Message = "reading standard input as it comes, until it ends")]
    private static partial void ReadingAsItComes(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "imported {Lines:N0} lines from {Read} source(s) ({Unchanged} already imported) in {Seconds:0.0} s ({Rate:N0} lines/s): {Records:N0} messages, rejects and auth failures stored")]
    private static partial void Imported(ILogger logger, long lines, int read, int unchanged, double seconds, double rate, long records);

    [LoggerMessage(Level = LogLevel.Debug, Message =
        "{Commits} commits: {Store:0.00} s in the store, {Snapshot:0.00} s saving tracker state, {Indexes:0.00} s building indexes; GC: {Gen0} gen0, {Gen1} gen1, {Gen2} gen2, {Paused:0.00} s paused")]
    private static partial void Costs(ILogger logger, long commits, double store, double snapshot, double indexes, int gen0, int gen1, int gen2, double paused);

    [LoggerMessage(Level = LogLevel.Information, Message = "Importing has finished. Bye!")]
    private static partial void Finished(ILogger logger);
}
