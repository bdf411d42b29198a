using Postmeter.Insights.Engine;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>reject_spike</c>: the last full hour refused (NOQUEUE, postscreen, cleanup) several times more than the hourly mean
/// of the 24 hours before it — a spam wave, a dictionary attack, or a restriction that now refuses good mail.
/// </summary>
public sealed class RejectSpike(IDashboardQueries queries) : StoreDetector
{
    private const int BaselineHours = 24;

    public override string Type => "reject_spike";

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var thresholds = context.Thresholds;
        var hourEnd = Windows.Hour(context.Now);
        var hourStart = hourEnd.AddHours(-1);
        long last = 0, before = 0;
        foreach (var row in queries.ReadTraffic(new TimeRange(hourStart.AddHours(-BaselineHours), hourEnd)))
        {
            if (row.Status == TrafficStatus.Rejected)
            {
                last += row.Hour >= hourStart ? row.Count : 0;
                before += row.Hour < hourStart ? row.Count : 0;
            }
        }

        var baseline = (double)before / BaselineHours;
        return last >= thresholds.RejectSpikeMinimum && last >= thresholds.RejectSpikeFactor * baseline
            ? [new Finding(string.Empty, "bad", new Content(last, Math.Round(baseline, 1), new Interval(hourStart, hourEnd)))]
            : [];
    }

    /// <param name="Rejects">Refusals in the hour.</param>
    /// <param name="Baseline">The hourly mean of the 24 hours before it.</param>
    public sealed record Content(long Rejects, double Baseline, Interval Interval);
}
