using System.Globalization;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Engine;

/// <summary>
/// Runs the detectors that are due and keeps one insight per problem: opened (and notified, unless found over history,
/// where it is archived at once) when first found, updated while it holds, resolved when it clears, reopened without
/// a second notification when it comes back within the repeat interval, and not opened while its type is snoozed.
/// </summary>
/// <param name="failed">Told of a detector that failed (its step goes on with the others; it runs again at its interval).</param>
public sealed class InsightEngine(IInsightStore store, IReadOnlyList<IDetector> detectors, INotificationRouter router, Action<string, Exception>? failed = null)
{
    private const string SnoozePrefix = "snooze:";

    private readonly Dictionary<string, DateTime> _lastRuns = new(StringComparer.Ordinal);

    public IReadOnlyList<IDetector> Detectors => detectors;

    /// <summary>Runs every detector due at <paramref name="now"/> (each at its own interval); returns the insights it opened.</summary>
    public async Task<IReadOnlyList<Insight>> RunDueAsync(DateTime now, bool history, InsightThresholds thresholds, CancellationToken cancel)
    {
        var opened = new List<Insight>();
        foreach (var detector in detectors)
        {
            if ((history && !detector.RunsOverHistory) || (_lastRuns.TryGetValue(detector.Type, out var last) && now - last < detector.Interval && now >= last))
            {
                continue;
            }

            _lastRuns[detector.Type] = now;
            try
            {
                var findings = await detector.DetectAsync(new DetectionContext(now, history, thresholds), cancel).ConfigureAwait(false);
                if (findings is not null)
                {
                    opened.AddRange(Apply(detector, findings, now, history, thresholds.RepeatInterval));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && failed is not null)
            {
                failed(detector.Type, e);
            }
        }

        return opened;
    }

    /// <summary>
    /// Resolves what history left open, at its end: a problem that still holds is then found again live, as an insight
    /// of its own that is notified.
    /// </summary>
    public void CloseHistory(DateTime at)
    {
        foreach (var insight in store.ReadOpen().Where(i => i.History))
        {
            store.Resolve(insight.Id, at);
        }
    }

    /// <summary>Forgets when each detector last ran, so that all run at the next step (the clock moved from the log's to the wall's).</summary>
    public void ResetSchedule() => _lastRuns.Clear();

    /// <summary>Snoozes a type: none of it opens before <paramref name="until"/> (those open stay until they clear).</summary>
    public void Snooze(string type, DateTime until) => store.SetState(SnoozePrefix + type, until.Ticks.ToString(CultureInfo.InvariantCulture));

    /// <summary>Until when a type is snoozed, or null.</summary>
    public DateTime? SnoozedUntil(string type) =>
        store.GetState(SnoozePrefix + type) is { } ticks ? new DateTime(long.Parse(ticks, CultureInfo.InvariantCulture), DateTimeKind.Utc) : null;

    private List<Insight> Apply(IDetector detector, IReadOnlyList<Finding> findings, DateTime now, bool history, TimeSpan repeat)
    {
        var opened = new List<Insight>();
        var open = store.ReadOpen().Where(i => i.Type == detector.Type).ToDictionary(i => i.Subject, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            found.Add(finding.Subject);
            var content = InsightJson.Write(finding.Content);
            if (!detector.FindsEvents && open.TryGetValue(finding.Subject, out var holding))
            {
                store.Update(holding.Id, content, now);
                continue;
            }

            // Events are never snoozed (an escalation is always told), and each is opened once.
            if (detector.FindsEvents ? store.FindLatest(detector.Type, finding.Subject) is not null : !history && SnoozedUntil(detector.Type) > now)
            {
                continue;
            }

            var latest = detector.FindsEvents ? null : store.FindLatest(detector.Type, finding.Subject);
            if (latest is { ResolvedAt: { } resolved } && latest.History == history && now >= resolved && now - resolved < repeat
                && store.Reopen(latest.Id, content, now))
            {
                continue;
            }

            var channels = history ? [] : router.ChannelsFor(detector.Type, finding.Rating, detector.Category);
            var insight = store.Open(new NewInsight(detector.Type, finding.Subject, detector.Category, finding.Rating, now, history, content, detector.FindsEvents), channels);
            if (insight is not null)
            {
                opened.Add(insight);
            }
        }

        if (!detector.FindsEvents)
        {
            foreach (var (subject, insight) in open)
            {
                if (!found.Contains(subject))
                {
                    store.Resolve(insight.Id, now);
                }
            }
        }

        return opened;
    }
}
