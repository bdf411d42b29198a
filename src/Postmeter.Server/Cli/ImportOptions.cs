using System.CommandLine;

namespace Postmeter.Server.Cli;

/// <summary>
/// The top-level flags, spelled as Lightmeter spelled them (<c>-workspace</c>, <c>-watch_dir</c>, <c>-importonly</c>…)
/// and the GNU way (<c>--workspace</c>, <c>--watch-dir</c>, <c>--import-only</c>…), each with its environment variables.
/// </summary>
internal sealed class ImportOptions
{
    public const string DefaultWorkspace = "/var/lib/postmeter";

    public Option<string?> Workspace { get; } = new("--workspace", "-workspace")
    {
        Description = $"The workspace folder where Postmeter keeps its data (default {DefaultWorkspace}). Env: POSTMETER_WORKSPACE, LIGHTMETER_WORKSPACE.",
    };

    public Option<string[]> WatchDir { get; } = new("--watch-dir", "-watch_dir")
    {
        Description = "A Postfix log directory (such as /var/log): its current and rotated logs are imported, oldest first. Repeatable. Env: POSTMETER_WATCH_DIR, LIGHTMETER_WATCH_DIR (colon-separated).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> ImportOnly { get; } = new("--import-only", "-importonly")
    {
        Description = "Import what the log sources hold now, then exit. Env: POSTMETER_IMPORT_ONLY, LIGHTMETER_IMPORTONLY.",
    };

    public Option<bool> Stdin { get; } = new("--stdin", "-stdin")
    {
        Description = "Read log lines from standard input. Env: POSTMETER_STDIN, LIGHTMETER_STDIN.",
    };

    public Option<bool> LogsUseRsync { get; } = new("--logs-use-rsync", "-logs_use_rsync")
    {
        Description = "-watch_dir is a copy kept up to date by rsync. Accepted for Lightmeter's users; not needed: files are known by their content, so a copy renamed over a file is read on where it stood. Env: POSTMETER_LOGS_USE_RSYNC, LIGHTMETER_LOGS_USE_RSYNC.",
    };

    public Option<string?> LogsSocket { get; } = new("--logs-socket", "-logs_socket")
    {
        Description = "Receive log lines (newline-framed, in -log_format) on a socket: unix=PATH or tcp=HOST:PORT; several clients at once. Env: POSTMETER_LOGS_SOCKET, LIGHTMETER_LOGS_SOCKET.",
    };

    public Option<string[]> SyslogListen { get; } = new("--syslog-listen")
    {
        Description = "Receive syslog (RFC 5424 or 3164; octet-counted or newline framing over TCP, a message per datagram over UDP) at tcp://HOST:PORT or udp://HOST:PORT, e.g. from rsyslog's omfwd on several mail servers. Repeatable. Env: POSTMETER_SYSLOG_LISTEN (space-separated).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> LogFilePatterns { get; } = new("--log-file-patterns", "-log_file_patterns")
    {
        Description = "Colon-separated base names of the log files in -watch_dir (default mail.log:mail.warn:mail.err:maillog:zimbra.log). Env: POSTMETER_LOG_FILE_PATTERNS, LIGHTMETER_LOG_FILE_PATTERNS.",
    };

    public Option<string?> LogLevel { get; } = new("--log-level", "-log_level")
    {
        Description = "DEBUG, INFO (default), WARN or ERROR. Env: POSTMETER_LOG_LEVEL, LIGHTMETER_LOG_LEVEL.",
    };

    public Option<string?> DataRetention { get; } = new("--data-retention", "-data_retention_duration", "--data-retention-duration")
    {
        Description = "How long to keep data, counted back from the newest log time in the workspace: 90d (default), 12w, 2160h, 1y. Env: POSTMETER_DATA_RETENTION, LIGHTMETER_DATA_RETENTION_DURATION.",
    };

    public Option<int?> CommitRecords { get; } = new("--commit-records")
    {
        Description = "Commit the import at least every N messages, rejects and auth failures (default 50000; it also commits every second). Smaller commits make each one shorter, not the import safer: every commit is atomic. Env: POSTMETER_COMMIT_RECORDS.",
    };

    public LogReadingOptions Logs { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Workspace);
        command.Options.Add(WatchDir);
        command.Options.Add(ImportOnly);
        command.Options.Add(Stdin);
        command.Options.Add(LogsUseRsync);
        command.Options.Add(LogsSocket);
        command.Options.Add(SyslogListen);
        command.Options.Add(LogFilePatterns);
        command.Options.Add(LogLevel);
        command.Options.Add(DataRetention);
        command.Options.Add(CommitRecords);
        Logs.AddOptionsTo(command);
    }
}
