using Postmeter.Insights.Engine;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Detectors;

/// <summary><c>welcome</c>: once, when the engine first runs live (never over history, so never twice).</summary>
public sealed class Welcome(IInsightStore store) : StoreDetector
{
    public override string Type => "welcome";

    public override string Category => "news";

    public override TimeSpan Interval => TimeSpan.FromHours(1);

    public override bool RunsOverHistory => false;

    public override bool FindsEvents => true;

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        return store.FindLatest(Type, string.Empty) is null ? [new Finding(string.Empty, "unrated", new Content())] : [];
    }

    public sealed record Content;
}
