using System.CommandLine;
using System.Globalization;
using Postmeter.Core.Parsing;
using Postmeter.Ingest;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Network;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Server.Cli;

/// <summary><c>postmeter -workspace DIR -watch_dir DIR -importonly</c> (or <c>-stdin</c>): imports logs into the workspace.</summary>
internal static class ImportRun
{
    /// <summary>How often a long-running follower deletes what fell out of the retention period.</summary>
    private static readonly TimeSpan RetentionEvery = TimeSpan.FromMinutes(10);

    public static void Attach(RootCommand root, CliContext context)
    {
        var options = new ImportOptions();
        options.AddTo(root);
        root.SetAction(result => context.Guard(() => Run(result, options, context)));
    }

    private static void Run(ParseResult result, ImportOptions options, CliContext context)
    {
        var log = new CliLog(context.Error, CliLog.ParseLevel(result.GetValue(options.LogLevel) ?? EnvironmentFallback.Get("POSTMETER_LOG_LEVEL", "LIGHTMETER_LOG_LEVEL")), context.Clock);
        var watchDirs = result.GetValue(options.WatchDir) is { Length: > 0 } dirs ? dirs : EnvironmentFlags.List("POSTMETER_WATCH_DIR", "LIGHTMETER_WATCH_DIR");
        var stdin = IsSet(result, options.Stdin) ? result.GetValue(options.Stdin) : EnvironmentFlags.Boolean("--stdin", "POSTMETER_STDIN", "LIGHTMETER_STDIN") ?? false;
        var importOnly = IsSet(result, options.ImportOnly)
            ? result.GetValue(options.ImportOnly)
            : EnvironmentFlags.Boolean("--import-only", "POSTMETER_IMPORT_ONLY", "LIGHTMETER_IMPORTONLY") ?? false;
        var rsync = IsSet(result, options.LogsUseRsync)
            ? result.GetValue(options.LogsUseRsync)
            : EnvironmentFlags.Boolean("--logs-use-rsync", "POSTMETER_LOGS_USE_RSYNC", "LIGHTMETER_LOGS_USE_RSYNC") ?? false;
        var listen = NetworkAddresses(result, options);
        var kinds = (watchDirs.Length > 0 ? 1 : 0) + (stdin ? 1 : 0) + (listen.Count > 0 ? 1 : 0);
        if (kinds == 0)
        {
            throw new UsageException("no log source: give -watch_dir DIR (the directory of the Postfix logs, e.g. /var/log), -stdin, -logs_socket or --syslog-listen; see 'postmeter --help'");
        }

        if (kinds > 1)
        {
            throw new UsageException("-watch_dir, -stdin and the network listeners (-logs_socket, --syslog-listen): choose one kind of log source");
        }

        if (listen.Count > 0 && importOnly)
        {
            throw new UsageException("-importonly with -logs_socket or --syslog-listen: a socket holds nothing to import; drop -importonly to receive lines until stopped");
        }


        var patterns = ReadPatterns(result.GetValue(options.LogFilePatterns) ?? EnvironmentFallback.Get("POSTMETER_LOG_FILE_PATTERNS", "LIGHTMETER_LOG_FILE_PATTERNS"));
        var retention = ReadRetention(result.GetValue(options.DataRetention) ?? EnvironmentFallback.Get("POSTMETER_DATA_RETENTION", "LIGHTMETER_DATA_RETENTION_DURATION"));
        var reading = options.Logs.Read(result, context.Clock);
        var inputs = stdin ? [LogInput.StandardInput] : listen.Count > 0 ? [] : WatchedInputs(watchDirs, patterns);
        var workspace = result.GetValue(options.Workspace) ?? EnvironmentFallback.Get("POSTMETER_WORKSPACE", "LIGHTMETER_WORKSPACE") ?? ImportOptions.DefaultWorkspace;

        using var store = context.OpenWorkspace(workspace, false);
        if (rsync)
        {
            log.Info("-logs_use_rsync: nothing to change; a copy rsync renames over a log file is recognised by its content and read on where it stood");
        }

        log.Info(listen.Count > 0 ? $"receiving log lines into workspace {store.Location}" : $"importing {inputs.Count} log source(s) into workspace {store.Location}");
        var display = new ImportProgressDisplay(context.Error, context.ErrorIsTerminal, log);
        var settings = new ImportSettings(reading.Format, reading.StartingYear, reading.Zone);
        if (ReadCommitRecords(result.GetValue(options.CommitRecords), EnvironmentFallback.Get("POSTMETER_COMMIT_RECORDS")) is { } commitRecords)
        {
            settings = settings with { CommitRecords = commitRecords };
        }

        var importer = new WorkspaceImporter(store, settings, context.Clock, display, context.ImportObserver);
        ImportSummary summary;
        var stopped = false;
        if (importOnly)
        {
            using var signals = StopOnSignal(log);
            summary = importer.Import(inputs, context.OpenStdin, stop: signals.Token);
            stopped = signals.Token.IsCancellationRequested;
        }
        else if (listen.Count > 0)
        {
            summary = Receive(importer, listen, reading.Format, log);
            stopped = true;
        }
        else if (stdin)
        {
            log.Info("reading standard input as it comes, until it ends");
            using var signals = StopOnSignal(log);
            summary = importer.Import(inputs, context.OpenStdin, live: true, stop: signals.Token);
            stopped = signals.Token.IsCancellationRequested;
        }
        else
        {
            summary = Follow(importer, watchDirs, patterns, inputs, log, store, retention);
            stopped = true;
        }

        var rate = summary.Elapsed.TotalSeconds > 0 ? summary.LinesRead / summary.Elapsed.TotalSeconds : 0;
        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"imported {summary.LinesRead:N0} lines from {summary.SourcesRead} source(s) ({summary.SourcesUnchanged} already imported) in {summary.Elapsed.TotalSeconds:0.0} s ({rate:N0} lines/s): {summary.RecordsCommitted:N0} messages, rejects and auth failures stored"));
        log.Write(LogLevel.Debug, string.Create(CultureInfo.InvariantCulture,
            $"{summary.Commits} commits: {summary.CommitTime.TotalSeconds:0.00} s in the store, {summary.SnapshotTime.TotalSeconds:0.00} s saving tracker state, {summary.IndexTime.TotalSeconds:0.00} s building indexes; " +
            $"GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, {GC.GetTotalPauseDuration().TotalSeconds:0.00} s paused"));
        // A stop must be quick: what is out of the retention period now goes with the next run's pass.
        var deleted = stopped ? 0 : new RetentionCleaner(store, retention) { BatchRows = 5000 }.RunNow();
        if (deleted > 0)
        {
            log.Info($"retention ({FormatRetention(retention)}): deleted {deleted:N0} old rows");
        }

        log.Info("Importing has finished. Bye!");
    }

    private static List<(ListenAddress Address, bool Syslog)> NetworkAddresses(ParseResult result, ImportOptions options)
    {
        var addresses = new List<(ListenAddress, bool)>();
        try
        {
            if ((result.GetValue(options.LogsSocket) ?? EnvironmentFallback.Get("POSTMETER_LOGS_SOCKET", "LIGHTMETER_LOGS_SOCKET")) is { Length: > 0 } socket)
            {
                addresses.Add((ListenAddress.ParseLogsSocket(socket), false));
            }

            var syslog = result.GetValue(options.SyslogListen) is { Length: > 0 } given
                ? given
                : EnvironmentFallback.Get("POSTMETER_SYSLOG_LISTEN")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            addresses.AddRange(syslog.Select(url => (ListenAddress.ParseSyslog(url), true)));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        return addresses;
    }

    /// <summary>Receives lines on the listeners until SIGTERM or SIGINT (which end it cleanly, committed).</summary>
    private static ImportSummary Receive(WorkspaceImporter importer, List<(ListenAddress Address, bool Syslog)> listen, LogFormat format, CliLog log)
    {
        using var stop = StopOnSignal(log);
        using var feed = new LineFeed();
        var listeners = new List<IDisposable>();
        try
        {
            foreach (var (address, syslog) in listen)
            {
                if (syslog && address.Protocol == System.Net.Sockets.ProtocolType.Udp)
                {
                    listeners.Add(new DatagramListener(address, feed));
                }
                else
                {
                    listeners.Add(new StreamListener(
                        address,
                        syslog ? (stream, client, token) => SyslogReader.Read(stream, client, feed, token) : (stream, client, token) => NewlineReader.Read(stream, client, feed, token),
                        log.Info));
                }

                log.Info($"listening on {address.Text} for {(syslog ? "syslog" : $"log lines ({format})")}");
            }

            return importer.Receive(feed, stop.Token);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>A token cancelled by SIGTERM or SIGINT, which then no longer end the process by themselves.</summary>
    private static SignalStop StopOnSignal(CliLog log) => new(log);

    /// <summary>Imports the watched directories, then follows them until SIGTERM or SIGINT (which end it cleanly, committed).</summary>
    private static ImportSummary Follow(
        WorkspaceImporter importer, string[] watchDirs, IReadOnlyList<string> patterns, IReadOnlyList<LogInput> first, CliLog log, IWorkspaceStore store, TimeSpan retention)
    {
        using var signals = StopOnSignal(log);
        var stop = signals.Source;
        using var cleaning = store.OpenCompanion();
        var cleaner = Task.Run(() => CleanPeriodically(cleaning, retention, log, stop.Token));
        using var changed = new AutoResetEvent(false);
        using var watchers = new DirectoryChangeSignal(watchDirs, changed);
        // The first round uses the listing already checked at start; later ones list again.
        IReadOnlyList<LogInput>? pending = first;
        var listed = first;
        IReadOnlyList<LogInput> List()
        {
            if (pending is not null)
            {
                (listed, pending) = (pending, null);
                return listed;
            }

            try
            {
                listed = WatchedInputs(watchDirs, patterns);
            }
            catch (Exception e) when (e is LogInputException or UsageException)
            {
                // Rotation can leave the directory without its current file for a moment; the next round looks again.
                log.Write(LogLevel.Debug, $"listing the logs: {e.Message}");
            }

            return listed;
        }

        try
        {
            return importer.Follow(List, stop.Token, changed);
        }
        finally
        {
            stop.Cancel();
#pragma warning disable RS0030 // the follow loop is synchronous: it waits for the retention loop it started, which ends at the stop
            cleaner.Wait();
#pragma warning restore RS0030
        }
    }

    /// <summary>
    /// While following: deletes what is older than the retention period every <see cref="RetentionEvery"/>, in small
    /// transactions beside the importer's commits. A pass that fails (the workspace busy for too long) is retried at
    /// the next one; nothing it leaves is wrong, only kept a little longer.
    /// </summary>
    private static async Task CleanPeriodically(IWorkspaceMaintenance store, TimeSpan retention, CliLog log, CancellationToken stop)
    {
        var cleaner = new RetentionCleaner(store, retention);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetentionEvery, stop).ConfigureAwait(false);
                var deleted = await cleaner.RunAsync(stop).ConfigureAwait(false);
                if (deleted > 0)
                {
                    log.Info($"retention ({FormatRetention(retention)}): deleted {deleted:N0} old rows");
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is WorkspaceException or Microsoft.Data.Sqlite.SqliteException)
            {
                log.Write(LogLevel.Warn, $"retention pass put off to the next one: {e.Message}");
            }
        }
    }

    private static bool IsSet(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static List<LogInput> WatchedInputs(string[] directories, IReadOnlyList<string> patterns)
    {
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new UsageException(File.Exists(directory)
                    ? $"-watch_dir: {directory} is a file; expected the directory that holds the Postfix logs (e.g. /var/log)"
                    : $"-watch_dir: no such directory: {directory} (expected the directory that holds the Postfix logs, e.g. /var/log)");
            }
        }

        return [.. LogInputs.Expand(directories, patterns)];
    }

    private static IReadOnlyList<string> ReadPatterns(string? text)
    {
        if (text is null)
        {
            return LogDirectory.DefaultPatterns;
        }

        var patterns = text.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (patterns.Length == 0)
        {
            throw new UsageException($"--log-file-patterns: '{text}' names no file; expected base names separated by ':', such as mail.log:maillog");
        }

        return patterns;
    }

    private static TimeSpan ReadRetention(string? text)
    {
        if (text is null)
        {
            return RetentionPeriod.Default;
        }

        try
        {
            return RetentionPeriod.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--data-retention: {e.Message}");
        }
    }

    private static int? ReadCommitRecords(int? given, string? environment)
    {
        if (given is { } flag)
        {
            return flag > 0 ? flag : throw new UsageException($"--commit-records: {flag} is not a positive number of records");
        }

        if (environment is null)
        {
            return null;
        }

        return int.TryParse(environment, NumberStyles.None, CultureInfo.InvariantCulture, out var records) && records > 0
            ? records
            : throw new UsageException($"POSTMETER_COMMIT_RECORDS: '{environment}' is not a positive number of records");
    }

    private static string FormatRetention(TimeSpan retention) => retention.TotalDays == Math.Floor(retention.TotalDays)
        ? string.Create(CultureInfo.InvariantCulture, $"{retention.TotalDays:0}d")
        : string.Create(CultureInfo.InvariantCulture, $"{retention.TotalHours:0}h");
}
