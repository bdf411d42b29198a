using Postmeter.Core.Tracking;
using Postmeter.Insights.Engine;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>high_bounce_rate</c>: the outbound recipients that bounced, in percent of those that ended (or are still queued)
/// in the window, above the threshold (Lightmeter's 5 % over 6 hours), counted from the rollups by hour.
/// </summary>
public sealed class HighBounceRate(IDashboardQueries queries) : StoreDetector
{
    public override string Type => "high_bounce_rate";

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var thresholds = context.Thresholds;
        var window = Windows.Ending(context.Now, thresholds.BounceRateWindow);
        long bounced = 0, total = 0;
        foreach (var row in queries.ReadTraffic(window))
        {
            if (row.Direction == Direction.Outbound && row.Status is (byte)Fate.Sent or (byte)Fate.Bounced or (byte)Fate.Deferred or (byte)Fate.Expired)
            {
                total += row.Count;
                bounced += row.Status == (byte)Fate.Bounced ? row.Count : 0;
            }
        }

        var rate = total == 0 ? 0 : 100.0 * bounced / total;
        return total >= thresholds.BounceRateMinRecipients && rate > thresholds.BounceRatePercent
            ? [new Finding(string.Empty, "bad", new Content(Math.Round(rate, 1), bounced, total, thresholds.BounceRatePercent, new Interval(window.From!.Value, context.Now)))]
            : [];
    }

    /// <param name="Rate">Percent bounced, one decimal.</param>
    public sealed record Content(double Rate, long Bounced, long Total, double Threshold, Interval Interval);
}
