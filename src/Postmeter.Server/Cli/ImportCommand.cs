using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Network;
using Postmeter.Ingest.Sources;
using Postmeter.Server.Hosting;
using Postmeter.Server.Logging;
using Postmeter.Server.Settings;
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
        var reset = new EmailReset();
        reset.AddTo(root);
        root.SetAction(result => context.Guard(() =>
        {
            if (reset.Requested(result))
            {
                reset.Run(result, options.Workspace, context);
                return;
            }

            ImportHost.Run(Plan(result, options, context), context);
        }));
    }

    private static ImportPlan Plan(ParseResult result, ImportOptions options, CliContext context)
    {
        var values = new SettingValues(result, context.Environment);
        var problems = new SettingProblems();
        var logLevel = problems.Check(() => LogLevels.Parse(values.Value(options.LogLevel, SettingsTable.LogLevel)), LogLevel.Information);
        var watchDirs = values.List(options.WatchDir, SettingsTable.WatchDir);
        var stdin = problems.Check(() => values.Switch(options.Stdin, SettingsTable.Stdin), false);
        var importOnly = problems.Check(() => values.Switch(options.ImportOnly, SettingsTable.ImportOnly), false);
        var rsync = problems.Check(() => values.Switch(options.LogsUseRsync, SettingsTable.LogsUseRsync), false);
        var listeners = problems.Check(() => Listeners(values, options), []);
        var kinds = (watchDirs.Length > 0 ? 1 : 0) + (stdin ? 1 : 0) + (listeners.Count > 0 ? 1 : 0);
        if (kinds == 0)
        {
            problems.Add("no log source: give -watch_dir DIR (the directory of the Postfix logs, e.g. /var/log), -stdin, -logs_socket or --syslog-listen; see 'postmeter --help'");
        }

        if (kinds > 1)
        {
            problems.Add("-watch_dir, -stdin and the network listeners (-logs_socket, --syslog-listen): choose one kind of log source");
        }

        if (listeners.Count > 0 && importOnly)
        {
            problems.Add("-importonly with -logs_socket or --syslog-listen: a socket holds nothing to import; drop -importonly to receive lines until stopped");
        }

        var patterns = problems.Check(() => ReadPatterns(values.Value(options.LogFilePatterns, SettingsTable.LogFilePatterns)), [.. LogDirectory.DefaultPatterns]);
        var retention = problems.Check(() => ReadRetention(values.Value(options.DataRetention, SettingsTable.DataRetention)), RetentionPeriod.Default);
        var reading = problems.Check(() => options.Logs.Read(result, context), null);
        var commitRecords = problems.Check(() => ReadCommitRecords(values.Value(options.CommitRecords, SettingsTable.CommitRecords)), 0);
        var web = importOnly ? null : options.Web.Read(values, problems);
        IReadOnlyList<LogInput> inputs = kinds != 1 || listeners.Count > 0 ? []
            : stdin ? [LogInput.StandardInput]
            : problems.Check(() => WatchedLogs.List(watchDirs, patterns), []);
        problems.ThrowIfAny();

        var workspace = values.Value(options.Workspace, SettingsTable.Workspace);
        var settings = new ImportSettings(reading!.Format, reading.StartingYear, reading.Zone) { CommitRecords = commitRecords };
        var mode = importOnly ? ImportMode.Batch
            : listeners.Count > 0 ? ImportMode.Receive
            : stdin ? ImportMode.LiveStandardInput
            : ImportMode.Follow;
        return new ImportPlan(mode, workspace, inputs, watchDirs, patterns, listeners, retention, settings, logLevel, rsync, web);
    }

    private static List<Listener> Listeners(SettingValues values, ImportOptions options)
    {
        var listeners = new List<Listener>();
        try
        {
            if (values.Text(options.LogsSocket, SettingsTable.LogsSocket) is { Length: > 0 } socket)
            {
                listeners.Add(new Listener(ListenAddress.ParseLogsSocket(socket), Syslog: false));
            }

            var syslog = values.List(options.SyslogListen, SettingsTable.SyslogListen);
            listeners.AddRange(syslog.Select(url => new Listener(ListenAddress.ParseSyslog(url), Syslog: true)));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        return listeners;
    }

    private static string[] ReadPatterns(string text)
    {
        var patterns = text.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (patterns.Length == 0)
        {
            throw new UsageException($"--log-file-patterns: '{text}' names no file; expected base names separated by ':', such as mail.log:maillog");
        }

        return patterns;
    }

    private static TimeSpan ReadRetention(string text)
    {
        try
        {
            return RetentionPeriod.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--data-retention: {e.Message}");
        }
    }

    private static int ReadCommitRecords(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var records) && records > 0
            ? records
            : throw new UsageException($"--commit-records: {text} is not a positive number of records");
}
