using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Server.Logging;

namespace Postmeter.Server.Cli;

/// <summary>
/// Shows an import's progress: on a terminal a bar redrawn in place (bytes, lines, rate, ETA); otherwise a log line
/// every few seconds, so journald and CI logs stay readable.
/// </summary>
internal sealed class ImportProgressDisplay(StandardError error, ILogger<ImportProgressDisplay> log) : IImportProgressListener
{
    private static readonly TimeSpan TerminalRefresh = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private TimeSpan? _lastShown;

    public void Report(ImportProgress progress)
    {
        var now = _elapsed.Elapsed;
        var finished = progress.SourcesDone == progress.SourcesTotal;
        if (!finished && _lastShown is { } last && now - last < (error.IsTerminal ? TerminalRefresh : LogEvery))
        {
            return;
        }

        _lastShown = now;
        if (error.IsTerminal)
        {
            error.DrawBar(Bar(progress, now), finished);
        }
        else if (!finished && log.IsEnabled(LogLevel.Information))
        {
            ProgressLog.Importing(log, Describe(progress, now));
        }
    }

    internal static string Describe(ImportProgress p, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? p.Lines / elapsed.TotalSeconds : 0;
        var percent = p.BytesTotal > 0 ? 100.0 * p.BytesDone / p.BytesTotal : 0;
        var eta = p.BytesDone > 0 && p.BytesTotal > p.BytesDone
            ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (p.BytesTotal - p.BytesDone) / p.BytesDone)
            : (TimeSpan?)null;
        var text = string.Create(CultureInfo.InvariantCulture, $"{percent:0}% ({Bytes(p.BytesDone)} of {Bytes(p.BytesTotal)}), {p.Lines:N0} lines, {rate:N0} lines/s");
        if (eta is { } left)
        {
            text += ", ETA " + Duration(left);
        }

        return text + $", file {Math.Min(p.SourcesDone + 1, p.SourcesTotal)}/{p.SourcesTotal} {Path.GetFileName(p.CurrentSource)}";
    }

    private static string Bar(ImportProgress p, TimeSpan elapsed)
    {
        const int Width = 30;
        var filled = p.BytesTotal > 0 ? (int)(Width * Math.Min(1.0, (double)p.BytesDone / p.BytesTotal)) : 0;
        return "[" + new string('#', filled) + new string('.', Width - filled) + "] " + Describe(p, elapsed) + "\x1b[K";
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}

/// <summary>The progress line of an import whose standard error is not a terminal.</summary>
internal static partial class ProgressLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "importing: {Progress}")]
    public static partial void Importing(ILogger logger, string progress);
}
