using Postmeter.Core.Tracking;
using Postmeter.Insights.Engine;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>mail_inactivity</c>, one per direction: no outbound mail for 24 hours, or no inbound mail for 12, after mail
/// flowed in the 30 days before, counted in whole hours. It holds until mail flows again.
/// </summary>
public sealed class MailInactivity(IDashboardQueries queries) : StoreDetector
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public override string Type => "mail_inactivity";

    public override TimeSpan Interval => TimeSpan.FromMinutes(30);

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var now = context.Now;
        var quietest = context.Thresholds.OutboundInactivity < context.Thresholds.InboundInactivity ? context.Thresholds.OutboundInactivity : context.Thresholds.InboundInactivity;
        var recent = queries.ReadTraffic(Windows.Ending(now, quietest));
        if (Directions.All(d => recent.Any(r => r.Direction == d.Direction && r.Count > 0 && Counts(r, now))))
        {
            // Mail flowed both ways within the shorter threshold: nothing to look further back for (the usual case).
            return [];
        }

        var lastSeen = new Dictionary<Direction, DateTime>();
        foreach (var row in queries.ReadTraffic(Windows.Ending(now, LookBack)))
        {
            var seen = row.Hour.AddHours(1);
            if (row.Count > 0 && Counts(row, now))
            {
                lastSeen[row.Direction] = lastSeen.TryGetValue(row.Direction, out var known) && known > seen ? known : seen;
            }
        }

        var findings = new List<Finding>();
        foreach (var (direction, name) in Directions)
        {
            var quiet = direction == Direction.Outbound ? context.Thresholds.OutboundInactivity : context.Thresholds.InboundInactivity;
            if (lastSeen.TryGetValue(direction, out var seen) && now - seen >= quiet)
            {
                findings.Add(new Finding(name, "bad", new Content(name, seen, (int)(now - seen).TotalHours, (int)quiet.TotalHours)));
            }
        }

        return findings;
    }

    private static readonly (Direction Direction, string Name)[] Directions = [(Direction.Outbound, "outbound"), (Direction.Inbound, "inbound")];

    /// <summary>
    /// Mail, not a reject or a return, of a whole hour (the rollups count by hour): over history the current hour holds
    /// mail still to come.
    /// </summary>
    private static bool Counts(TrafficRow row, DateTime now) =>
        row.Hour.AddHours(1) <= now && row.Status is not (TrafficStatus.Rejected or TrafficStatus.Returned);

    /// <param name="Since">When mail of that direction was last seen.</param>
    /// <param name="Hours">Hours since then.</param>
    /// <param name="Threshold">Hours without mail that raise it.</param>
    public sealed record Content(string Direction, DateTime Since, int Hours, int Threshold);
}
