using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Ingest.Network;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>Receives log lines from the network listeners (<c>-logs_socket</c>, <c>--syslog-listen</c>) into a workspace.</summary>
public sealed class NetworkReceiver(
    IImportWriter store,
    ImportSettings settings,
    TimeProvider clock,
    IImportObserver? observer = null,
    ILogger<NetworkReceiver>? logger = null)
{
    private readonly IImportObserver _observer = observer ?? ImportObserver.None;
    private readonly ILogger _logger = logger ?? NullLogger<NetworkReceiver>.Instance;

    /// <summary>
    /// Reads what network listeners put into <paramref name="feed"/> (log sockets, syslog) until <paramref name="stop"/>,
    /// committing as it comes. Lines are dated by a clock per sender; there is no position to resume at (what a
    /// sender sent while Postmeter was down is its to resend), but the tracker's state carries over a restart.
    /// </summary>
    public ImportSummary Receive(LineFeed feed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var counts = new HourlyLineStatistics();
        using var pipeline = new ImportPipeline(store, settings, counts, _observer, _logger, idle: true, live: true);
        long linesRead = 0;
        pipeline.CatchUpDone();
        var parsers = new Dictionary<string, EnvelopeParser>(StringComparer.Ordinal);
        var sinceMark = 0;
        while (!stop.IsCancellationRequested)
        {
            if (!feed.TryTake(out var chunk, settings.PollInterval, stop))
            {
                continue;
            }

            if (!parsers.TryGetValue(chunk.Client, out var envelopes))
            {
                var yearClock = new YearlessClock(settings.Zone, settings.StartingYear, clock.GetUtcNow().UtcDateTime);
                parsers[chunk.Client] = envelopes = new EnvelopeParser(settings.Format, yearClock);
            }

            var lines = chunk.Lines.AsSpan();
            while (!lines.IsEmpty)
            {
                var newline = lines.IndexOf((byte)'\n');
                var line = newline < 0 ? lines : lines[..newline];
                lines = newline < 0 ? [] : lines[(newline + 1)..];
                pipeline.Processor.ProcessLine(envelopes, line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line);
                linesRead++;
                sinceMark++;
            }

            // A mark whenever the feed runs dry (and every few thousand lines), so the tracking thread can commit there.
            if (feed.IsEmpty || sinceMark >= settings.MarkEveryLines)
            {
                sinceMark = 0;
                pipeline.Processor.Mark(new PositionMark(null, counts.TakeCounts(), Final: false));
                pipeline.Processor.Flush();
            }
        }

        pipeline.Finish(stop.IsCancellationRequested);
        return pipeline.Summary(linesRead, sourcesRead: 0, sourcesUnchanged: 0);
    }
}
