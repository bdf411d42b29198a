namespace Postmeter.Core.Tracking;

/// <summary>Orders messages oldest first, ties broken by host, instance and queue id: an order that survives a save and restore.</summary>
internal static class MessageAge
{
    public static int Compare(TrackedMessage a, TrackedMessage b)
    {
        var order = a.FirstSeen.CompareTo(b.FirstSeen);
        order = order != 0 ? order : string.CompareOrdinal(a.Host, b.Host);
        order = order != 0 ? order : string.CompareOrdinal(a.Instance, b.Instance);
        return order != 0 ? order : string.CompareOrdinal(a.QueueId, b.QueueId);
    }
}
