using System.Globalization;
using System.Text.Json;
using Postmeter.Insights.Engine;
using Postmeter.Storage.Detective;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>detective_escalation</c>: someone asked, from the Message Detective, to look into mail it showed as not delivered.
/// One insight per escalation, always notified (whatever a channel's policy), live only.
/// </summary>
public sealed class DetectiveEscalations(IEscalationStore escalations, IInsightStore store) : IDetector
{
    public const string TypeName = "detective_escalation";

    private const string SeenKey = "escalations_seen";
    private const int Batch = 100;

    public string Type => TypeName;

    public string Category => "local";

    public TimeSpan Interval => TimeSpan.FromSeconds(15);

    public bool RunsOverHistory => false;

    public bool FindsEvents => true;

    /// <summary>On its first run, escalations older than this (made before there was an engine to see them) are taken as seen.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        var firstRun = store.GetState(SeenKey) is null;
        var seen = store.GetState(SeenKey) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        var fresh = new List<Escalation>();
        long? before = null;
        while (true)
        {
            var page = escalations.ReadEscalations(Batch, before);
            fresh.AddRange(page.Where(e => e.Id > seen));
            if (page.Count < Batch || page[^1].Id <= seen)
            {
                break;
            }

            before = page[^1].Id;
        }

        store.SetState(SeenKey, fresh.Select(e => e.Id).Append(seen).Max().ToString(CultureInfo.InvariantCulture));
        if (firstRun)
        {
            // An upgraded workspace's old escalations are not news: they would all be notified at once.
            fresh.RemoveAll(e => e.Time < context.Now - FirstLookBack);
        }

        IReadOnlyList<Finding> findings =
        [
            .. fresh.OrderBy(e => e.Id).Select(e => new Finding(e.Id.ToString(CultureInfo.InvariantCulture), "bad", new Content(
                e.Id, e.Time, e.Requester, e.ClientAddress, JsonDocument.Parse(e.Terms).RootElement.Clone(), e.ResultIds))),
        ];
        return Task.FromResult<IReadOnlyList<Finding>?>(findings);
    }

    /// <param name="Requester">A user's e-mail address, or <c>public</c>.</param>
    /// <param name="Terms">The search escalated (sender, recipient, id, from, to).</param>
    /// <param name="Results">The ids of the messages and rejects found not delivered.</param>
    public sealed record Content(long Escalation, DateTime Time, string Requester, string? ClientAddress, JsonElement Terms, IReadOnlyList<string> Results);
}
