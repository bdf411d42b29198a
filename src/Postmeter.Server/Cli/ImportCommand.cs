using System.CommandLine;
using System.Globalization;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Network;
using Postmeter.Ingest.Sources;
using Postmeter.Server.Hosting;
using Postmeter.Server.Logging;
using Postmeter.Storage;

namespace Postmeter.Server.Cli;

/// <summary>
/// <c>postmeter -workspace DIR -watch_dir DIR [-importonly]</c> (or <c>-stdin</c>, <c>-logs_socket</c>,
/// <c>--syslog-listen</c>): reads the flags and environment into an <see cref="ImportPlan"/>, checks it, and runs it
/// on the host (<see cref="ImportHost"/>).
/// </summary>
internal static class ImportCommand
{
    public static void Attach(RootCommand root, CliContext context)
    {
        var options = new ImportOptions();
        options.AddTo(root);
        root.SetAction(result => context.Guard(() => ImportHost.Run(Plan(result, options, context), context)));
    }

    private static ImportPlan Plan(ParseResult result, ImportOptions options, CliContext context)
    {
        var logLevel = LogLevels.Parse(result.GetValue(options.LogLevel) ?? EnvironmentFallback.Get("POSTMETER_LOG_LEVEL", "LIGHTMETER_LOG_LEVEL"));
        var watchDirs = result.GetValue(options.WatchDir) is { Length: > 0 } dirs ? dirs : EnvironmentFlags.List("POSTMETER_WATCH_DIR", "LIGHTMETER_WATCH_DIR");
        var stdin = IsSet(result, options.Stdin) ? result.GetValue(options.Stdin) : EnvironmentFlags.Boolean("--stdin", "POSTMETER_STDIN", "LIGHTMETER_STDIN") ?? false;
        var importOnly = IsSet(result, options.ImportOnly)
            ? result.GetValue(options.ImportOnly)
            : EnvironmentFlags.Boolean("--import-only", "POSTMETER_IMPORT_ONLY", "LIGHTMETER_IMPORTONLY") ?? false;
        var rsync = IsSet(result, options.LogsUseRsync)
            ? result.GetValue(options.LogsUseRsync)
            : EnvironmentFlags.Boolean("--logs-use-rsync", "POSTMETER_LOGS_USE_RSYNC", "LIGHTMETER_LOGS_USE_RSYNC") ?? false;
        var listeners = Listeners(result, options);
        var kinds = (watchDirs.Length > 0 ? 1 : 0) + (stdin ? 1 : 0) + (listeners.Count > 0 ? 1 : 0);
        if (kinds == 0)
        {
            throw new UsageException("no log source: give -watch_dir DIR (the directory of the Postfix logs, e.g. /var/log), -stdin, -logs_socket or --syslog-listen; see 'postmeter --help'");
        }

        if (kinds > 1)
        {
            throw new UsageException("-watch_dir, -stdin and the network listeners (-logs_socket, --syslog-listen): choose one kind of log source");
        }

        if (listeners.Count > 0 && importOnly)
        {
            throw new UsageException("-importonly with -logs_socket or --syslog-listen: a socket holds nothing to import; drop -importonly to receive lines until stopped");
        }

        var patterns = ReadPatterns(result.GetValue(options.LogFilePatterns) ?? EnvironmentFallback.Get("POSTMETER_LOG_FILE_PATTERNS", "LIGHTMETER_LOG_FILE_PATTERNS"));
        var retention = ReadRetention(result.GetValue(options.DataRetention) ?? EnvironmentFallback.Get("POSTMETER_DATA_RETENTION", "LIGHTMETER_DATA_RETENTION_DURATION"));
        var reading = options.Logs.Read(result, context.Clock);
        IReadOnlyList<LogInput> inputs = stdin ? [LogInput.StandardInput] : listeners.Count > 0 ? [] : WatchedLogs.List(watchDirs, patterns);
        var workspace = result.GetValue(options.Workspace) ?? EnvironmentFallback.Get("POSTMETER_WORKSPACE", "LIGHTMETER_WORKSPACE") ?? ImportOptions.DefaultWorkspace;
        var settings = new ImportSettings(reading.Format, reading.StartingYear, reading.Zone);
        if (ReadCommitRecords(result.GetValue(options.CommitRecords), EnvironmentFallback.Get("POSTMETER_COMMIT_RECORDS")) is { } commitRecords)
        {
            settings = settings with { CommitRecords = commitRecords };
        }

        var mode = importOnly ? ImportMode.Batch
            : listeners.Count > 0 ? ImportMode.Receive
            : stdin ? ImportMode.LiveStandardInput
            : ImportMode.Follow;
        return new ImportPlan(mode, workspace, inputs, watchDirs, patterns, listeners, retention, settings, logLevel, rsync);
    }

    private static List<Listener> Listeners(ParseResult result, ImportOptions options)
    {
        var listeners = new List<Listener>();
        try
        {
            if ((result.GetValue(options.LogsSocket) ?? EnvironmentFallback.Get("POSTMETER_LOGS_SOCKET", "LIGHTMETER_LOGS_SOCKET")) is { Length: > 0 } socket)
            {
                listeners.Add(new Listener(ListenAddress.ParseLogsSocket(socket), Syslog: false));
            }

            var syslog = result.GetValue(options.SyslogListen) is { Length: > 0 } given
                ? given
                : EnvironmentFallback.Get("POSTMETER_SYSLOG_LISTEN")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            listeners.AddRange(syslog.Select(url => new Listener(ListenAddress.ParseSyslog(url), Syslog: true)));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        return listeners;
    }

    private static bool IsSet(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

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
}
