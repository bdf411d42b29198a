using System.Collections.Concurrent;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Notifications;

/// <summary>How notices are written: their language and where the web application is.</summary>
/// <param name="Language">en, de or pt_BR.</param>
/// <param name="PublicUrl">The web application's address, for a link to each insight; null when not set.</param>
public sealed record NoticeSettings(string Language, Uri? PublicUrl);

/// <summary>
/// Delivers the notifications queued in the workspace: each channel on a task of its own that a later round does not
/// wait for (one slow or failing channel never holds up another), each try bounded in time, a failure retried with
/// backoff (1 minute up to 6 hours) and given up after <see cref="Backoff"/> retries. After a failure the channel rests
/// until that retry is due, so a server that is down is not asked again for each notice waiting for it. The outcome
/// and last error are kept per channel for the settings page.
/// </summary>
public sealed class NotificationDispatcher(
    IInsightStore store, Func<string, INotificationChannel?> channelOf, Func<NoticeSettings> settings, TimeProvider clock)
{
    /// <summary>The waits before each retry.</summary>
    public static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    /// <summary>The longest a try may take, whatever the channel's own timeout.</summary>
    public static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(30);

    private const int Batch = 1000;

    private readonly ConcurrentDictionary<string, byte> _busy = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _restingUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// Delivers what is due now on the channels neither busy with an earlier round nor resting after a failure;
    /// completes when those channels are done, and returns how many were delivered.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var text = settings();
        var started = new List<Task<int>>();
        foreach (var channel in store.ReadDue(now, Batch).GroupBy(n => n.Channel, StringComparer.Ordinal))
        {
            if ((_restingUntil.TryGetValue(channel.Key, out var until) && until > now) || !_busy.TryAdd(channel.Key, 0))
            {
                continue;
            }

            List<QueuedNotification> queued = [.. channel];
            started.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        return await DeliverAsync(channel.Key, queued, text, cancel).ConfigureAwait(false);
                    }
                    finally
                    {
                        _busy.TryRemove(channel.Key, out _);
                    }
                },
                cancel));
        }

        return (await Task.WhenAll(started).ConfigureAwait(false)).Sum();
    }

    /// <summary>Sends a sample notice (a test of the channel) to one channel now, outside the queue; returns the error, or null when it arrived.</summary>
    public async Task<string?> SendSampleAsync(string channel, CancellationToken cancel)
    {
        var (target, problem) = SetUp(channel);
        if (target is null)
        {
            var error = problem ?? $"{channel} is not set up or not enabled";
            store.Failed(null, channel, error, clock.GetUtcNow().UtcDateTime, null);
            return error;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sample = new Insight(0, "test", string.Empty, "local", "unrated", now, now, now, false, false, null, "{}");
        var outcome = await TryAsync(target, NoticeTexts.For(sample, settings().Language, null), cancel).ConfigureAwait(false);
        if (outcome is null)
        {
            store.Delivered(null, channel, clock.GetUtcNow().UtcDateTime);
            _restingUntil.TryRemove(channel, out _);
        }
        else
        {
            store.Failed(null, channel, outcome, clock.GetUtcNow().UtcDateTime, null);
        }

        return outcome;
    }

    private async Task<int> DeliverAsync(string channel, IReadOnlyList<QueuedNotification> queued, NoticeSettings text, CancellationToken cancel)
    {
        var delivered = 0;
        var (target, problem) = SetUp(channel);
        foreach (var notification in queued)
        {
            var insight = store.Find(notification.InsightId);
            var error = target is null
                ? problem ?? $"{channel} is no longer set up or enabled"
                : insight is null ? "the insight is gone" : await TryAsync(target, NoticeTexts.For(insight, text.Language, text.PublicUrl), cancel).ConfigureAwait(false);
            var now = clock.GetUtcNow().UtcDateTime;
            if (error is null)
            {
                store.Delivered(notification.Id, channel, now);
                delivered++;
            }
            else
            {
                var retry = target is not null && insight is not null && notification.Tries < Backoff.Length ? now + Backoff[notification.Tries] : (DateTime?)null;
                store.Failed(notification.Id, channel, error, now, retry);
                if (target is not null && insight is not null)
                {
                    // The channel failed: the rest wait for its retry instead of each asking a server that is down.
                    _restingUntil[channel] = retry ?? now + Backoff[0];
                    break;
                }
            }
        }

        if (delivered > 0)
        {
            _restingUntil.TryRemove(channel, out _);
        }

        return delivered;
    }

    /// <summary>The channel of a key, or why it cannot be set up (a sender address MailKit cannot read, a URL it refuses).</summary>
    private (INotificationChannel? Channel, string? Problem) SetUp(string channel)
    {
        try
        {
            return (channelOf(channel), null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or MimeKit.ParseException or UriFormatException)
        {
            return (null, $"{channel} cannot be set up: {e.Message}");
        }
    }

    private static async Task<string?> TryAsync(INotificationChannel channel, Notice notice, CancellationToken cancel)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        bounded.CancelAfter(TryTimeout);
        try
        {
            await channel.SendAsync(notice, bounded.Token).ConfigureAwait(false);
            return null;
        }
        catch (NotificationException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"no answer within {TryTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else a library throws (MailKit's "no AUTH offered", an odd answer from Slack) is this try's failure.
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
