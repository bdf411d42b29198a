using Postmeter.Core.Classification;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Rollups;

/// <summary>
/// One commit's increments of the dashboard rollups, added up in memory before any store sees them, so every store
/// counts alike. A message counts at the hour (and UTC day) it ended — <see cref="TrackedMessage.EndedAt"/>, the time
/// <c>report --from --to</c> selects it by — with one count per final recipient by direction and fate; a reject at its
/// own time. Keyed counts (domains, addresses, mailboxes, failure causes) go per hour and per day, the addresses of
/// senders and recipients per day only (there are too many for hours).
/// </summary>
public sealed class RollupIncrements
{
    private static readonly TrafficDimension[] HourlyAndDaily =
    [
        TrafficDimension.RecipientDomain, TrafficDimension.SenderDomain, TrafficDimension.MailboxSent,
        TrafficDimension.MailboxReceived, TrafficDimension.Reason, TrafficDimension.ReasonDomain,
    ];

    private readonly DomainNames _domains = new();
    private readonly FailureReasons _reasons = new(FailureClassifier.Default);
    private readonly Dictionary<TrafficKey, TrafficCount> _traffic = [];
    private readonly Dictionary<ReturnedKey, long> _returned = [];
    private readonly Dictionary<KeyedCount, long> _hourly = [];
    private readonly Dictionary<KeyedCount, long> _daily = [];
    private readonly Dictionary<string, string> _examples = new(StringComparer.Ordinal);

    /// <summary>Final recipients (and rejects) by hour, direction and status.</summary>
    public IReadOnlyDictionary<TrafficKey, TrafficCount> Traffic => _traffic;

    /// <summary>Messages returned to their sender (a non-delivery notification was sent) by hour and direction.</summary>
    public IReadOnlyDictionary<ReturnedKey, long> Returned => _returned;

    /// <summary>Keyed counts per hour (<see cref="KeyedCount.PeriodTicks"/> is the hour).</summary>
    public IReadOnlyDictionary<KeyedCount, long> Hourly => _hourly;

    /// <summary>Keyed counts per UTC day (<see cref="KeyedCount.PeriodTicks"/> is the day), every dimension.</summary>
    public IReadOnlyDictionary<KeyedCount, long> Daily => _daily;

    /// <summary>One full reply for each failure cause (<see cref="FailureReason.Key"/>) counted here.</summary>
    public IReadOnlyDictionary<string, string> Examples => _examples;

    public bool IsEmpty => _traffic.Count == 0 && _returned.Count == 0;

    /// <summary>Counts a message or a reject; authentication failures have no rollup (the line counts have them).</summary>
    public void Add(EmittedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Message is { } message)
        {
            Add(message);
        }
        else if (record.Reject is { } reject)
        {
            Add(reject);
        }
    }

    public void Add(TrackedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var end = message.EndedAt;
        var hour = HourlyLineStatistics.HourOf(end).Ticks;
        var day = end.Date.Ticks;
        var direction = message.Direction;
        if (message.ReturnedToSender)
        {
            Add(_returned, new ReturnedKey(hour, direction), 1);
        }

        var sender = string.IsNullOrEmpty(message.Sender) ? null : message.Sender.ToLowerInvariant();
        var senderDomain = _domains.DomainOf(message.Sender);
        foreach (var recipient in message.Recipients)
        {
            if (recipient.HopQueueId is not null)
            {
                continue;
            }

            var status = (byte)recipient.Fate;
            var deferrals = recipient.DeferralCount;
            AddTraffic(new TrafficKey(hour, direction, status), new TrafficCount(1, deferrals));

            var slot = new Slot(hour, day, direction, status);
            var address = recipient.Address.ToLowerInvariant();
            var domain = _domains.DomainOf(recipient.Address);
            Count(slot, TrafficDimension.RecipientDomain, domain);
            Count(slot, TrafficDimension.SenderDomain, senderDomain);
            Count(slot, TrafficDimension.Recipient, address);
            if (sender is not null)
            {
                Count(slot, TrafficDimension.Sender, sender);
                if (direction != Direction.Inbound)
                {
                    Count(slot, TrafficDimension.MailboxSent, sender);
                }
            }

            if (recipient.LastAttempt is { } last && DirectionRule.IsMailboxDelivery(last.Daemon) && last.Daemon != "discard")
            {
                Count(slot, TrafficDimension.MailboxReceived, address);
            }

            CountReasons(slot, recipient, domain);
        }
    }

    public void Add(RejectRecord reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        var hour = HourlyLineStatistics.HourOf(reject.Time).Ticks;
        AddTraffic(new TrafficKey(hour, Direction.Inbound, TrafficStatus.Rejected), new TrafficCount(1, 0));
        var reason = FailureReasons.Of(reject);
        var slot = new Slot(hour, reject.Time.Date.Ticks, Direction.Inbound, TrafficStatus.Rejected);
        CountReason(slot, reason, _domains.DomainOf(reject.Recipient), reject.Dsn is null ? reject.Reason : $"{reject.Code} {reject.Dsn} {reject.Reason}");
    }

    /// <summary>Adds every increment of <paramref name="other"/> to these.</summary>
    public void Add(RollupIncrements other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, count) in other._traffic)
        {
            AddTraffic(key, count);
        }

        foreach (var (key, count) in other._returned)
        {
            Add(_returned, key, count);
        }

        foreach (var (key, count) in other._hourly)
        {
            Add(_hourly, key, count);
        }

        foreach (var (key, count) in other._daily)
        {
            Add(_daily, key, count);
        }

        foreach (var (key, example) in other._examples)
        {
            _examples.TryAdd(key, example);
        }
    }

    public void Clear()
    {
        _traffic.Clear();
        _returned.Clear();
        _hourly.Clear();
        _daily.Clear();
        _examples.Clear();
    }

    private void CountReasons(Slot slot, TrackedRecipient recipient, string domain)
    {
        if (recipient.Fate == Fate.Bounced && recipient.LastAttempt is { } last)
        {
            CountReason(slot, _reasons.Of(last), domain, last.Response);
        }

        foreach (var attempt in recipient.Attempts)
        {
            if (attempt.Status is DeliveryStatus.Deferred or DeliveryStatus.SoftBounce)
            {
                CountReason(slot with { Status = (byte)Fate.Deferred }, _reasons.Of(attempt), domain, attempt.Response);
            }
        }
    }

    private void CountReason(Slot slot, FailureReason reason, string domain, string? reply)
    {
        var key = reason.Key;
        Count(slot, TrafficDimension.Reason, key);
        Count(slot, TrafficDimension.ReasonDomain, string.Concat(key, TrafficStatus.DomainSeparator.ToString(), domain));
        if (!string.IsNullOrEmpty(reply))
        {
            _examples.TryAdd(key, reply);
        }
    }

    private void Count(Slot slot, TrafficDimension dimension, string key)
    {
        Add(_daily, new KeyedCount(dimension, slot.Day, slot.Direction, slot.Status, key), 1);
        if (Array.IndexOf(HourlyAndDaily, dimension) >= 0)
        {
            Add(_hourly, new KeyedCount(dimension, slot.Hour, slot.Direction, slot.Status, key), 1);
        }
    }

    private void AddTraffic(TrafficKey key, TrafficCount count)
    {
        var sum = _traffic.GetValueOrDefault(key);
        _traffic[key] = new TrafficCount(sum.Count + count.Count, sum.DeferralAttempts + count.DeferralAttempts);
    }

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long count)
        where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + count;

    /// <summary>Where one final recipient counts.</summary>
    private readonly record struct Slot(long Hour, long Day, Direction Direction, byte Status);
}

/// <summary>An hour's count of final recipients (or rejects) of one direction and status.</summary>
public readonly record struct TrafficKey(long HourTicks, Direction Direction, byte Status);

/// <summary>How many, and their deferral attempts.</summary>
public readonly record struct TrafficCount(long Count, long DeferralAttempts);

/// <summary>An hour's count of returned messages of one direction.</summary>
public readonly record struct ReturnedKey(long HourTicks, Direction Direction);

/// <summary>A count by key in one hour or day.</summary>
public readonly record struct KeyedCount(TrafficDimension Dimension, long PeriodTicks, Direction Direction, byte Status, string Key);
