using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Support;

public sealed class CollectingSink : ITrackingSink
{
    public List<TrackedMessage> Messages { get; } = [];

    public List<RejectRecord> Rejects { get; } = [];

    public List<AuthFailureRecord> AuthFailures { get; } = [];

    public void OnMessage(TrackedMessage message) => Messages.Add(message);

    public void OnReject(RejectRecord reject) => Rejects.Add(reject);

    public void OnAuthFailure(AuthFailureRecord failure) => AuthFailures.Add(failure);

    public TrackedMessage Single(string queueId) => Assert.Single(Messages, m => m.QueueId == queueId);
}
