namespace Postmeter.Core.Tracking;

public sealed record TrackerOptions
{
    /// <summary>
    /// How long (in log time) a finished message is kept before it is emitted, so that lines which name it a little
    /// late (a content filter's <c>queued as</c>, a notification) still reach it.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A queued message silent for longer than this is reported as lost (Postfix retries far more often).</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Keep each message's log lines (<see cref="TrackedMessage.RawLines"/>) and each reject's line, for the detective.</summary>
    public bool KeepRawLines { get; init; }

    /// <summary>
    /// A message in flight that no line named for this many lines is packed until one does (see
    /// <see cref="ActiveMessages"/>); 0 keeps every message an object.
    /// </summary>
    public int PackIdleAfterLines { get; init; } = 4096;
}
