using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Network;
using Postmeter.Ingest.Sources;
using Postmeter.Server.Web;

namespace Postmeter.Server.Cli;

/// <summary>How the logs come in: a one-shot import, a live feed on standard input, followed files, or listeners.</summary>
internal enum ImportMode
{
    /// <summary><c>-importonly</c>: what the sources hold now, then exit.</summary>
    Batch,

    /// <summary><c>-stdin</c> without <c>-importonly</c>: standard input as it comes, until it ends.</summary>
    LiveStandardInput,

    /// <summary><c>-watch_dir</c> without <c>-importonly</c>: import, then follow the files until stopped.</summary>
    Follow,

    /// <summary><c>-logs_socket</c>, <c>--syslog-listen</c>: lines as clients send them, until stopped.</summary>
    Receive,
}

/// <summary>A network listener to open: where, and whether it speaks syslog or bare log lines.</summary>
internal sealed record Listener(ListenAddress Address, bool Syslog);

/// <summary>
/// Everything a run needs, read and checked from the command line and the environment: the import, and (unless
/// <c>-importonly</c>) the web host that serves beside it.
/// </summary>
internal sealed record ImportPlan(
    ImportMode Mode,
    string Workspace,
    IReadOnlyList<LogInput> Inputs,
    IReadOnlyList<string> WatchDirs,
    IReadOnlyList<string> Patterns,
    IReadOnlyList<Listener> Listeners,
    TimeSpan Retention,
    ImportSettings Settings,
    LogLevel LogLevel,
    bool Rsync,
    WebOptions? Web);
