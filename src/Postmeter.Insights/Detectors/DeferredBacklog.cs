using Postmeter.Insights.Engine;
using Postmeter.Storage;
using Postmeter.Storage.Detective;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>deferred_backlog</c>: messages still in the queue that arrived longer ago than the backlog age (4 hours by
/// default) reach the threshold. Read from the mail in flight at the last commit, so live only.
/// </summary>
public sealed class DeferredBacklog(IDetectiveQueries detective) : StoreDetector
{
    private const int PageSize = 500;
    private const int MostRead = 20_000;

    public override string Type => "deferred_backlog";

    public override bool RunsOverHistory => false;

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var thresholds = context.Thresholds;
        var cutoff = context.Now - thresholds.BacklogAge;
        long old = 0, queued = 0;
        DateTime? oldest = null;
        PagePosition? after = null;
        do
        {
            cancel.ThrowIfCancellationRequested();
            var page = detective.Search(new DetectiveQuery(null, null, null, DetectiveStatus.Queued, TimeRange.All, after, PageSize, false));
            foreach (var message in page.Results.Select(r => r.Message).OfType<FoundMessage>().Where(m => m.InFlight))
            {
                queued++;
                if (message.FirstSeen <= cutoff)
                {
                    old++;
                    oldest = oldest is { } known && known < message.FirstSeen ? known : message.FirstSeen;
                }
            }

            after = page.Next;
        }
        while (after is not null && queued < MostRead);

        return old >= thresholds.BacklogMessages && oldest is { } first
            ? [new Finding(string.Empty, "bad", new Content(old, queued, (int)thresholds.BacklogAge.TotalHours, first))]
            : [];
    }

    /// <param name="Waiting">Messages queued for longer than <paramref name="Hours"/>.</param>
    /// <param name="Queued">Messages in the queue.</param>
    /// <param name="Oldest">When the oldest of them arrived.</param>
    public sealed record Content(long Waiting, long Queued, int Hours, DateTime Oldest);
}
