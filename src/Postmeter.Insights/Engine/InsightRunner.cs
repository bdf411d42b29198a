using System.Globalization;
using Postmeter.Core.Tracking;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Insights;
using Postmeter.Storage.Rollups;

namespace Postmeter.Insights.Engine;

/// <summary>
/// Drives the engine: first over the history of the first import, in the log's clock (10-minute steps from the oldest
/// hour with mail to the newest log line; insights found there are archived and never notified), then, once the import
/// has caught up, live in the wall clock. The end of history closes what it left open and writes the
/// <c>import_summary</c> insight. Live detectors wait while a catch-up runs, so that mail not yet read is not taken
/// for mail that stopped.
/// </summary>
public sealed class InsightRunner(InsightEngine engine, IInsightStore store, IDashboardQueries queries, IWorkspaceMaintenance workspace)
{
    public const string ImportSummaryType = "import_summary";

    private const string CursorKey = "history_cursor";
    private const string StartKey = "history_start";
    private const string DoneKey = "history_done";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    /// <summary>Whether the first import's history has been walked.</summary>
    public bool HistoryDone => store.GetState(DoneKey) is not null;

    /// <summary>One step: walks the history read so far, or runs the live detectors that are due.</summary>
    /// <param name="catchingUp">Whether ingestion is still reading what the logs held at start.</param>
    public async Task StepAsync(DateTime wallNow, bool catchingUp, InsightThresholds thresholds, CancellationToken cancel)
    {
        if (!HistoryDone)
        {
            await WalkHistoryAsync(catchingUp, wallNow, thresholds, cancel).ConfigureAwait(false);
            if (!HistoryDone)
            {
                return;
            }
        }

        if (!catchingUp)
        {
            await engine.RunDueAsync(wallNow, history: false, thresholds, cancel).ConfigureAwait(false);
        }
    }

    private async Task WalkHistoryAsync(bool catchingUp, DateTime wallNow, InsightThresholds thresholds, CancellationToken cancel)
    {
        var newest = workspace.NewestLogTime();
        var cursor = store.GetState(CursorKey) is { } saved ? new DateTime(long.Parse(saved, CultureInfo.InvariantCulture), DateTimeKind.Utc) : (DateTime?)null;
        if (cursor is null && OldestHour() is { } oldest)
        {
            cursor = oldest;
            store.SetState(StartKey, oldest.Ticks.ToString(CultureInfo.InvariantCulture));
        }

        if (newest is { } end && cursor is { } start)
        {
            var at = start;
            while (at + Step <= end)
            {
                cancel.ThrowIfCancellationRequested();
                at += Step;
                await engine.RunDueAsync(at, history: true, thresholds, cancel).ConfigureAwait(false);
                // Each step is kept, so that a restart walks on from here and finds nothing twice.
                store.SetState(CursorKey, at.Ticks.ToString(CultureInfo.InvariantCulture));
            }

            if (!catchingUp && at < end)
            {
                // The rest of the last step, so that the history ends at the newest line.
                engine.ResetSchedule();
                await engine.RunDueAsync(end, history: true, thresholds, cancel).ConfigureAwait(false);
            }
        }

        if (catchingUp)
        {
            return;
        }

        if (newest is { } last && store.GetState(StartKey) is { } started)
        {
            engine.CloseHistory(last);
            WriteSummary(new DateTime(long.Parse(started, CultureInfo.InvariantCulture), DateTimeKind.Utc), last, wallNow);
        }

        store.SetState(DoneKey, wallNow.Ticks.ToString(CultureInfo.InvariantCulture));
        engine.ResetSchedule();
    }

    private DateTime? OldestHour()
    {
        var rows = queries.ReadTraffic(TimeRange.All);
        return rows.Count == 0 ? null : rows.Min(r => r.Hour);
    }

    private void WriteSummary(DateTime from, DateTime to, DateTime now)
    {
        var found = store.Read(new InsightFilter(null, null, null, from, to.AddTicks(1), null, 10_000)).Where(i => i.History).ToList();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in queries.ReadTraffic(new TimeRange(from, to.AddTicks(1))))
        {
            var name = row.Status switch
            {
                TrafficStatus.Rejected => "rejected",
                TrafficStatus.Returned => null,
                _ => ((Fate)row.Status).ToString().ToLowerInvariant(),
            };
            if (name is not null)
            {
                totals[name] = totals.GetValueOrDefault(name) + row.Count;
            }
        }

        var content = new ImportSummary(
            new Detectors.Interval(from, to),
            found.Count,
            found.GroupBy(i => i.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            totals);
        store.Open(new NewInsight(ImportSummaryType, string.Empty, "local", "unrated", now, false, InsightJson.Write(content), Event: true), []);
    }

    /// <param name="Insights">Insights found over history (archived).</param>
    /// <param name="ByType">How many of each type.</param>
    /// <param name="Recipients">Recipients by fate over the whole import, and rejects.</param>
    public sealed record ImportSummary(Detectors.Interval Interval, int Insights, IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, long> Recipients);
}
