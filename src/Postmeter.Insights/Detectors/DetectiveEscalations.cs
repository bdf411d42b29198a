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
public sealed class DetectiveEscalations(IEscalationStore escalations, IInsightStore store) : StoreDetector
{
    public const string TypeName = "detective_escalation";

    private const string SeenKey = "escalations_seen";
    private const int Batch = 100;

    public override string Type => TypeName;

    public override TimeSpan Interval => TimeSpan.FromSeconds(15);

    public override bool RunsOverHistory => false;

    public override bool FindsEvents => true;

    /// <summary>On its first run, escalations older than this (made before there was an engine to see them) are taken as seen.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var mark = store.GetState(SeenKey);
        var seen = mark is null ? 0 : long.Parse(mark, CultureInfo.InvariantCulture);
        var fresh = Newer(seen);
        if (mark is null)
        {
            // An upgraded workspace's old escalations are not news: they would all be notified at once.
            var old = fresh.Where(e => e.Time < context.Now - FirstLookBack).ToList();
            seen = old.Select(e => e.Id).DefaultIfEmpty(0).Max();
            fresh = [.. fresh.Except(old)];
        }

        // The mark moves past an escalation once its insight is stored, so that none is lost to a failure between.
        var pending = new List<Escalation>();
        foreach (var escalation in fresh.OrderBy(e => e.Id))
        {
            if (pending.Count == 0 && store.FindLatest(TypeName, Subject(escalation)) is not null)
            {
                seen = escalation.Id;
            }
            else
            {
                pending.Add(escalation);
            }
        }

        store.SetState(SeenKey, seen.ToString(CultureInfo.InvariantCulture));
        return
        [
            .. pending.Select(e => new Finding(Subject(e), "bad", new Content(e.Id, e.Time, e.Requester, e.ClientAddress, Terms(e.Terms), e.ResultIds))),
        ];
    }

    private static string Subject(Escalation escalation) => escalation.Id.ToString(CultureInfo.InvariantCulture);

    private static JsonElement Terms(string terms)
    {
        try
        {
            using var document = JsonDocument.Parse(terms);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(terms);
        }
    }

    private List<Escalation> Newer(long seen)
    {
        var fresh = new List<Escalation>();
        long? before = null;
        while (true)
        {
            var page = escalations.ReadEscalations(Batch, before);
            fresh.AddRange(page.Where(e => e.Id > seen));
            if (page.Count < Batch || page[^1].Id <= seen)
            {
                return fresh;
            }

            before = page[^1].Id;
        }
    }

    /// <param name="Requester">A user's e-mail address, or <c>public</c>.</param>
    /// <param name="Terms">The search escalated (sender, recipient, id, from, to).</param>
    /// <param name="Results">The ids of the messages and rejects found not delivered.</param>
    public sealed record Content(long Escalation, DateTime Time, string Requester, string? ClientAddress, JsonElement Terms, IReadOnlyList<string> Results);
}
