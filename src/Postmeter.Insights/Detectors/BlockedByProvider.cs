using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;
using Postmeter.Insights.Engine;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>blocked_by_provider</c>, one per provider while its blocks last: outbound failures in the window whose reply
/// matched a provider-block fingerprint (<c>failure-fingerprints.txt</c>: Gmail, Microsoft, Yahoo, …); blocks by a
/// receiver the fingerprints do not name (a DNSBL it uses) count under <c>other</c>.
/// </summary>
public sealed class BlockedByProvider(IDashboardQueries queries) : StoreDetector
{
    public const string Other = "other";

    private const string BlockCategory = "provider-block";

    public override string Type => "blocked_by_provider";

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var window = Windows.Ending(context.Now, context.Thresholds.BlockWindow);
        var query = new TrafficQuery(TrafficDimension.Reason, window, [Direction.Outbound], [(byte)Fate.Bounced, (byte)Fate.Deferred, (byte)Fate.Expired]);
        var prefix = new FailureReason(BlockCategory, null, string.Empty).Key[..(BlockCategory.Length + 1)];
        var byProvider = queries.ReadKeysWithPrefix(query, prefix)
            .Select(r => (Reason: FailureReason.FromKey(r.Key), r.Count))
            .GroupBy(r => r.Reason.Provider ?? Other, StringComparer.Ordinal);
        return
        [
            .. byProvider.Select(g =>
            {
                var top = g.MaxBy(r => r.Count);
                return new Finding(g.Key, "bad", new Content(g.Key, g.Sum(r => r.Count), top.Reason.Text, top.Reason.Key, new Interval(window.From!.Value, context.Now)));
            }).OrderBy(f => f.Subject, StringComparer.Ordinal),
        ];
    }

    /// <param name="Provider">Who refused (Google, Microsoft, …), or other.</param>
    /// <param name="Failures">Failed attempts with a block reply in the window.</param>
    /// <param name="Reply">The commonest block reply, shortened.</param>
    /// <param name="Reason">Its failure cause key, for the detective.</param>
    public sealed record Content(string Provider, long Failures, string Reply, string Reason, Interval Interval);
}
