using Postmeter.Core.Classification;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;
using Postmeter.Insights.Engine;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>provider_deferral_spike</c>, one per provider group (google, microsoft, …; not <c>other</c>): the deferral
/// attempts to its domains in the window reach a share of its recipients there (20 per 100 and at least 10 by
/// default), and three times the group's usual attempts in such a window over the day before — greylisting, rate
/// limits or a reputation problem building up before the bounces, not a provider that always defers some.
/// </summary>
public sealed class ProviderDeferralSpike(IDashboardQueries queries, ProviderGroups groups) : StoreDetector
{
    private const int MostKeys = 100_000;
    private const int BaselineWindows = 12;
    private const double Factor = 3;

    public override string Type => "provider_deferral_spike";

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var thresholds = context.Thresholds;
        var window = Windows.Ending(context.Now, thresholds.DeferralWindow);
        var attempts = Attempts(window);
        if (!attempts.Values.Any(a => a.Count >= thresholds.DeferralMinimum))
        {
            return [];
        }

        var length = window.To!.Value - window.From!.Value;
        var usual = Attempts(new TimeRange(window.From!.Value - (length * BaselineWindows), window.From!.Value));

        var recipients = queries.ReadTopGroups(
            new TrafficQuery(TrafficDimension.RecipientDomain, window, [Direction.Outbound], [(byte)Fate.Sent, (byte)Fate.Bounced, (byte)Fate.Deferred, (byte)Fate.Expired]),
            groups, int.MaxValue).ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var (group, (count, top, _)) in attempts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var total = recipients.GetValueOrDefault(group);
            var share = total == 0 ? 100.0 : 100.0 * count / total;
            var baseline = usual.TryGetValue(group, out var before) ? (double)before.Count / BaselineWindows : 0;
            if (count >= thresholds.DeferralMinimum && share >= thresholds.DeferralPercent && count >= Factor * baseline)
            {
                findings.Add(new Finding(group, "bad", new Content(group, count, total, Math.Round(share, 1), top.Text, new Interval(window.From!.Value, context.Now))));
            }
        }

        return findings;
    }

    /// <summary>Deferral attempts per provider group in a range, with the commonest reply of each.</summary>
    private Dictionary<string, (long Count, FailureReason Top, long TopCount)> Attempts(TimeRange range)
    {
        var attempts = new Dictionary<string, (long Count, FailureReason Top, long TopCount)>(StringComparer.Ordinal);
        var deferrals = new TrafficQuery(TrafficDimension.ReasonDomain, range, [Direction.Outbound], [(byte)Fate.Deferred]);
        foreach (var row in queries.ReadTop(deferrals, MostKeys))
        {
            var separator = row.Key.LastIndexOf(TrafficStatus.DomainSeparator);
            var group = separator < 0 ? ProviderGroups.Other : groups.GroupOf(row.Key.AsSpan(separator + 1));
            if (group == ProviderGroups.Other)
            {
                continue;
            }

            var reason = FailureReason.FromKey(row.Key.Substring(0, separator));
            attempts[group] = attempts.TryGetValue(group, out var known)
                ? (known.Count + row.Count, known.TopCount >= row.Count ? known.Top : reason, Math.Max(known.TopCount, row.Count))
                : (row.Count, reason, row.Count);
        }

        return attempts;
    }

    /// <param name="Provider">The provider group.</param>
    /// <param name="Deferrals">Deferral attempts to its domains in the window.</param>
    /// <param name="Recipients">Its outbound recipients in the window.</param>
    /// <param name="Share">Deferral attempts per 100 of its recipients (over 100 when each is tried several times).</param>
    /// <param name="Reply">The commonest deferral reply, shortened.</param>
    public sealed record Content(string Provider, long Deferrals, long Recipients, double Share, string Reply, Interval Interval);
}
