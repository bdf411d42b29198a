using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Ingest.Importing;
using Postmeter.Storage;
using Prometheus;

namespace Postmeter.Server.Metrics;

/// <summary>
/// What ingestion did, for <c>/metrics</c>, counted from each durable commit (so the numbers are what the workspace
/// holds, never more): lines read, how far behind the log it is, commit time, final recipients by fate and direction,
/// rejects, SASL failures. Names follow postfix_exporter where it has the same metric; labels are bounded.
/// </summary>
internal sealed class IngestMetrics(TimeProvider clock) : IImportObserver
{
    private static readonly Counter Lines = Prometheus.Metrics.CreateCounter(
        "postmeter_log_lines_read_total", "Log lines read and committed.");

    private static readonly Counter Unsupported = Prometheus.Metrics.CreateCounter(
        "postfix_unsupported_log_entries_total", "Log lines of Postfix that Postmeter does not interpret.");

    private static readonly Gauge Lag = Prometheus.Metrics.CreateGauge(
        "postmeter_log_lag_seconds", "Time between now and the newest log line committed (grows when mail stops or ingestion falls behind).");

    private static readonly Gauge NewestLine = Prometheus.Metrics.CreateGauge(
        "postmeter_log_newest_line_timestamp_seconds", "Unix time of the newest log line committed.");

    private static readonly Histogram CommitTime = Prometheus.Metrics.CreateHistogram(
        "postmeter_commit_duration_seconds", "Time the store took for one commit.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    private static readonly Counter Deliveries = Prometheus.Metrics.CreateCounter(
        "postmeter_deliveries_total", "Final recipients by fate (sent, bounced, deferred, expired, discarded) and direction.",
        new CounterConfiguration { LabelNames = ["status", "direction"] });

    private static readonly Counter Rejects = Prometheus.Metrics.CreateCounter(
        "postfix_smtpd_messages_rejected_total", "Messages and recipients Postfix refused before queueing (NOQUEUE and queue-level rejects).");

    private static readonly Counter SaslFailures = Prometheus.Metrics.CreateCounter(
        "postfix_smtpd_sasl_authentication_failures_total", "Failed SMTP AUTH attempts.");

    private static readonly Counter Connects = Prometheus.Metrics.CreateCounter(
        "postfix_smtpd_connects_total", "SMTP connections Postfix accepted.");

    private DateTime? _newest;

    public void Reached(ImportStage stage, long count)
    {
    }

    public void Committed(CommitBatch batch, TimeSpan took)
    {
        CommitTime.Observe(took.TotalSeconds);
        foreach (var counts in batch.LineCounts.Values)
        {
            Lines.Inc(counts.Lines);
            Unsupported.Inc(counts.Unsupported);
            Rejects.Inc(counts.Count(PostfixEventKind.Reject));
            SaslFailures.Inc(counts.Count(PostfixEventKind.SaslFailure));
            Connects.Inc(counts.Count(PostfixEventKind.SmtpdConnect));
            if (counts.LastTime is { } last && (_newest is null || last > _newest))
            {
                _newest = last;
            }
        }

        foreach (var (key, increment) in batch.Rollups.Traffic)
        {
            if (key.Status <= (byte)Fate.Discarded)
            {
                Deliveries.WithLabels(TrackingNames.Of((Fate)key.Status), TrackingNames.Of(key.Direction)).Inc(increment.Count);
            }
        }

        if (_newest is { } newest)
        {
            NewestLine.Set((newest - DateTime.UnixEpoch).TotalSeconds);
        }
    }

    /// <summary>Brings the lag up to date when scraped (it grows between commits too).</summary>
    public void BeforeScrape()
    {
        if (_newest is { } newest)
        {
            Lag.Set(Math.Max(0, (clock.GetUtcNow().UtcDateTime - newest).TotalSeconds));
        }
    }
}
