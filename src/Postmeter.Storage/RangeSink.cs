using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>Passes on what falls in the range (by the same times the store selects by).</summary>
public sealed class RangeSink(TimeRange range, ITrackingSink inner) : ITrackingSink
{
    public void OnMessage(TrackedMessage message)
    {
        if (range.Contains(message.EndedAt))
        {
            inner.OnMessage(message);
        }
    }

    public void OnReject(RejectRecord reject)
    {
        if (range.Contains(reject.Time))
        {
            inner.OnReject(reject);
        }
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
        if (range.Contains(failure.Time))
        {
            inner.OnAuthFailure(failure);
        }
    }
}
