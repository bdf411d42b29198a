using Postmeter.Insights.Engine;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Detectors;

/// <summary><c>welcome</c>: once, when the engine first runs live (never over history, so never twice).</summary>
public sealed class Welcome(IInsightStore store) : IDetector
{
    public string Type => "welcome";

    public string Category => "news";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public bool RunsOverHistory => false;

    public bool FindsEvents => true;

    public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
    {
        IReadOnlyList<Finding> findings = store.FindLatest(Type, string.Empty) is null ? [new Finding(string.Empty, "unrated", new Content())] : [];
        return Task.FromResult<IReadOnlyList<Finding>?>(findings);
    }

    public sealed record Content;
}
