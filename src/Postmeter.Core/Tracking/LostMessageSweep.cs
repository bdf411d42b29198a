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
        ActiveMessages active,
        Dictionary<QueueKey, PendingLink> pending,
        SettlingMessages settling)
    {
        if (now - LastSweep < Spacing)
        {
            return;
        }

        LastSweep = now;
        var silentSince = now - lostAfter;
        active.EndSilent(silentSince, (key, message) => settling.Finish(key, message, Completion.Lost, message.LastSeen));

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
