using Postmeter.Core.Tracking;

namespace Postmeter.Benchmarks;

/// <summary>A tracking sink that ignores what it is given: benchmarks of what comes before the sink.</summary>
internal sealed class NullSink : ITrackingSink
{
    public static readonly NullSink Instance = new();

    public void OnMessage(TrackedMessage message)
    {
    }

    public void OnReject(RejectRecord reject)
    {
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
    }
}
