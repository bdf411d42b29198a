namespace Postmeter.Insights.Engine;

/// <summary>
/// Looks for one kind of problem (or event) at a point in time. The engine runs it every <see cref="Interval"/>, keeps
/// one insight per subject open while it is found, and resolves it when it is no longer found.
/// </summary>
public interface IDetector
{
    /// <summary>The insights' type, e.g. <c>high_bounce_rate</c>.</summary>
    string Type { get; }

    /// <summary>local, intel or news.</summary>
    string Category { get; }

    /// <summary>How often it runs (in the log's clock over history).</summary>
    TimeSpan Interval { get; }

    /// <summary>Whether it runs over history during the first import (it needs only what the rollups keep).</summary>
    bool RunsOverHistory { get; }

    /// <summary>
    /// Events (an escalation, the welcome) are insights of a moment: opened resolved, never matched to a later finding.
    /// Conditions stay open while found.
    /// </summary>
    bool FindsEvents { get; }

    /// <summary>
    /// What holds at <see cref="DetectionContext.Now"/>; null when it cannot tell (a failed lookup), which leaves its
    /// open insights as they are.
    /// </summary>
    Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel);
}

/// <summary>What a detector found about one subject.</summary>
/// <param name="Subject">What it is about within its type (a provider, a direction, an address), or empty.</param>
/// <param name="Rating">bad, ok, good or unrated.</param>
/// <param name="Content">Its typed content, serialized as the insight's JSON.</param>
public sealed record Finding(string Subject, string Rating, object Content);

/// <summary>When a detector runs and with which thresholds.</summary>
/// <param name="Now">The time it looks at: the log's clock over history, the wall clock live.</param>
/// <param name="History">Whether this is a walk over history during the first import.</param>
public sealed record DetectionContext(DateTime Now, bool History, InsightThresholds Thresholds);
