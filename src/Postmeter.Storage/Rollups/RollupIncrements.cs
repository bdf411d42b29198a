using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Rollups;

/// <summary>
/// One commit's increments of the hourly rollups, added up in memory before any store sees them: one count per final
/// recipient, at the hour of its fate, by direction, fate, recipient domain, provider group and sender domain. Every
/// store adds the same increments, so every store counts alike.
/// </summary>
public sealed class RollupIncrements
{
    private readonly DomainNames _domains = new();
    private readonly Dictionary<RollupKey, Increment> _increments = [];

    public int Count => _increments.Count;

    /// <summary>The increments, one per key.</summary>
    public IEnumerable<KeyValuePair<RollupKey, Increment>> All => _increments;

    /// <summary>Counts the final recipients of a message; rejects and authentication failures have no rollup.</summary>
    public void Add(EmittedRecord record)
    {
        if (record is EmittedMessage message)
        {
            Add(message.Tracked);
        }
    }

    public void Add(TrackedMessage message)
    {
        var senderDomain = _domains.DomainOf(message.Sender);
        var fallback = message.EndedAt;
        foreach (var recipient in message.Recipients)
        {
            if (recipient.HopQueueId is not null)
            {
                continue;
            }

            var (domain, group) = _domains.Resolve(recipient.Address);
            Add(new RollupKey(
                HourlyLineStatistics.HourOf(recipient.FateAt ?? fallback).Ticks, message.Direction, recipient.Fate, domain, group, senderDomain),
                new Increment(1, recipient.DeferralCount));
        }
    }

    /// <summary>Adds every increment of <paramref name="other"/> to these.</summary>
    public void Add(RollupIncrements other)
    {
        foreach (var (key, increment) in other._increments)
        {
            Add(key, increment);
        }
    }

    public void Clear() => _increments.Clear();

    private void Add(RollupKey key, Increment increment)
    {
        var sum = _increments.GetValueOrDefault(key);
        _increments[key] = new Increment(sum.Count + increment.Count, sum.DeferralAttempts + increment.DeferralAttempts);
    }

    public readonly record struct RollupKey(long HourTicks, Direction Direction, Fate Status, string RecipientDomain, string ProviderGroup, string SenderDomain);

    public readonly record struct Increment(long Count, long DeferralAttempts);
}
