namespace Postmeter.Core.Tracking;

/// <summary>Receives what the tracker concludes, in order.</summary>
public interface ITrackingSink
{
    /// <summary>A message whose life is over (or whose end the logs do not hold); its recipients' fates are final.</summary>
    void OnMessage(TrackedMessage message);

    void OnReject(RejectRecord reject);

    void OnAuthFailure(AuthFailureRecord failure);
}
