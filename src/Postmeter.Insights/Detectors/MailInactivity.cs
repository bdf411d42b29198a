using Postmeter.Core.Tracking;
using Postmeter.Insights.Engine;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>mail_inactivity</c>, one per direction: no outbound mail for 24 hours, or no inbound mail for 12, after mail
/// flowed in the 30 days before, counted in whole hours. It holds until mail flows again.
/// </summary>
public sealed class MailInactivity(IDashboardQueries queries) : IDetector
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public string Type => "mail_inactivity";

    public string Category => "local";

    public TimeSpan Interval => TimeSpan.FromMinutes(30);

    public bool RunsOverHistory => true;

    public bool FindsEvents => false;

    public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now;
        var lastSeen = new Dictionary<Direction, DateTime>();
        foreach (var row in queries.ReadTraffic(Windows.Ending(now, LookBack)))
        {
            // Whole hours only (the rollups count by hour): over history the current hour holds mail still to come.
            var seen = row.Hour.AddHours(1);
            if (row.Count > 0 && seen <= now && row.Status is not (TrafficStatus.Rejected or TrafficStatus.Returned))
            {
                lastSeen[row.Direction] = lastSeen.TryGetValue(row.Direction, out var known) && known > seen ? known : seen;
            }
        }

        var findings = new List<Finding>();
        foreach (var (direction, name, quiet) in new[] { (Direction.Outbound, "outbound", context.Thresholds.OutboundInactivity), (Direction.Inbound, "inbound", context.Thresholds.InboundInactivity) })
        {
            if (lastSeen.TryGetValue(direction, out var seen) && now - seen >= quiet)
            {
                findings.Add(new Finding(name, "bad", new Content(name, seen, (int)(now - seen).TotalHours, (int)quiet.TotalHours)));
            }
        }

        return Task.FromResult<IReadOnlyList<Finding>?>(findings);
    }

    /// <param name="Since">When mail of that direction was last seen.</param>
    /// <param name="Hours">Hours since then.</param>
    /// <param name="Threshold">Hours without mail that raise it.</param>
    public sealed record Content(string Direction, DateTime Since, int Hours, int Threshold);
}
