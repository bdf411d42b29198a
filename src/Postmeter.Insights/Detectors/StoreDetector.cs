using Postmeter.Insights.Engine;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// A detector that answers from the workspace at once (rollups, the mail in flight, the engine's own state): by
/// default a condition about this server, run every 10 minutes, over history too. Those that differ say so.
/// </summary>
public abstract class StoreDetector : IDetector
{
    public abstract string Type { get; }

    public virtual string Category => "local";

    public virtual TimeSpan Interval => TimeSpan.FromMinutes(10);

    public virtual bool RunsOverHistory => true;

    public virtual bool FindsEvents => false;

    public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Detect(context, cancel));
    }

    /// <summary>What holds at <see cref="DetectionContext.Now"/>; null when it cannot tell.</summary>
    protected abstract IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel);
}
