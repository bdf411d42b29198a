namespace Postmeter.Storage.Insights;

/// <summary>
/// Insights, the notifications queued for them and the engine's bookkeeping, in the workspace. Every call is one short
/// transaction of its own, beside the importer's commits.
/// </summary>
public interface IInsightStore : IDisposable
{
    /// <summary>Every insight whose condition still holds (archived or not).</summary>
    IReadOnlyList<Insight> ReadOpen();

    /// <summary>The newest insight of that type and subject, open or not; null if there was none.</summary>
    Insight? FindLatest(string type, string subject);

    /// <summary>
    /// Opens an insight (archived at once when it is history) and, in the same transaction, queues a notification of it
    /// for each of <paramref name="channels"/>. Returns null when one of that type and subject is already open.
    /// </summary>
    Insight? Open(NewInsight insight, IReadOnlyCollection<string> channels);

    /// <summary>Records that an open insight still holds at <paramref name="at"/>, with its latest content.</summary>
    void Update(long id, string content, DateTime at);

    /// <summary>Marks an insight resolved at <paramref name="at"/>.</summary>
    void Resolve(long id, DateTime at);

    /// <summary>
    /// Opens a resolved insight again (its condition came back within the repeat interval): no new notification; back in
    /// the feed if it was archived, unless it is history.
    /// </summary>
    /// <returns>False when another of its type and subject is open already.</returns>
    bool Reopen(long id, string content, DateTime at);

    /// <summary>One insight; null if there is none with that id.</summary>
    Insight? Find(long id);

    /// <summary>Insights matching <paramref name="filter"/>, newest first (by time, then id).</summary>
    IReadOnlyList<Insight> Read(InsightFilter filter);

    /// <summary>Archives an insight (idempotent); false if there is none with that id.</summary>
    bool Archive(long id);

    /// <summary>Sets the admin's usefulness rating (null clears it); false if there is none with that id.</summary>
    bool Rate(long id, string? usefulness);

    /// <summary>A value of the engine's bookkeeping (the last run of a detector, a snooze); null when never set.</summary>
    string? GetState(string key);

    void SetState(string key, string value);

    /// <summary>Queues a notification of an insight for one channel (a test, or an insight opened before a channel was set up).</summary>
    void Enqueue(long insightId, string channel, DateTime at);

    /// <summary>Notifications waiting whose next try is due at <paramref name="now"/>, oldest first.</summary>
    IReadOnlyList<QueuedNotification> ReadDue(DateTime now, int limit);

    /// <summary>The earliest next try of the notifications waiting, or null when none waits.</summary>
    DateTime? NextDue();

    /// <summary>A notification (or a test, without an id) reached its channel.</summary>
    void Delivered(long? notificationId, string channel, DateTime at);

    /// <summary>A try failed: tried again at <paramref name="retryAt"/>, or given up when it is null.</summary>
    void Failed(long? notificationId, string channel, string error, DateTime at, DateTime? retryAt);

    /// <summary>Where each channel that was ever used stands.</summary>
    IReadOnlyList<ChannelStatus> ReadChannels();
}
