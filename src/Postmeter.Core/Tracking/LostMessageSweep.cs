namespace Postmeter.Core.Tracking;

/// <summary>
/// Once an hour of log time, ends the messages nothing was logged about for <see cref="TrackerOptions.LostAfter"/>
/// (their end is not in the logs: lost), and forgets links whose target queue never appeared in that time.
/// </summary>
internal sealed class LostMessageSweep(TimeSpan lostAfter)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromHours(1);

    public DateTime LastSweep { get; set; } = DateTime.MinValue;

    public void Run(
        DateTime now,
        Dictionary<QueueKey, TrackedMessage> active,
        Dictionary<QueueKey, PendingLink> pending,
        SettlingMessages settling)
    {
        if (now - LastSweep < Spacing)
        {
            return;
        }

        LastSweep = now;
        var silentSince = now - lostAfter;
        List<QueueKey>? lost = null;
        foreach (var (key, message) in active)
        {
            if (message.LastSeen < silentSince)
            {
                (lost ??= []).Add(key);
            }
        }

        // In a stable order (not the dictionary's), so a tracker restored from a snapshot ends them the same way.
        lost?.Sort((a, b) => MessageAge.Compare(active[a], active[b]));
        foreach (var key in lost ?? [])
        {
            if (active.Remove(key, out var message))
            {
                settling.Finish(key, message, Completion.Lost, message.LastSeen);
            }
        }

        List<QueueKey>? stale = null;
        foreach (var (key, link) in pending)
        {
            if (link.Time < silentSince)
            {
                (stale ??= []).Add(key);
            }
        }

        foreach (var key in stale ?? [])
        {
            pending.Remove(key);
        }
    }
}
