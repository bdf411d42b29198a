using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Rollups;

/// <summary>
/// Adds up one commit's increments of <c>rollup_hourly</c> in memory: one count per final recipient, at the hour of
/// its fate, by direction, fate, recipient domain, provider group and sender domain.
/// </summary>
public sealed class RollupAccumulator
{
    private readonly DomainNames _domains = new();
    private readonly Dictionary<RollupKey, Increment> _increments = [];

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
            var key = new RollupKey(
                HourlyLineStatistics.HourOf(recipient.FateAt ?? fallback).Ticks, message.Direction, recipient.Fate, domain, group, senderDomain);
            var increment = _increments.GetValueOrDefault(key);
            _increments[key] = new Increment(increment.Count + 1, increment.DeferralAttempts + recipient.DeferralCount);
        }
    }

    /// <summary>The increments added since the last call, leaving this empty.</summary>
    public IEnumerable<KeyValuePair<RollupKey, Increment>> Drain()
    {
        foreach (var pair in _increments)
        {
            yield return pair;
        }

        _increments.Clear();
    }

    public void Clear() => _increments.Clear();

    public readonly record struct RollupKey(long HourTicks, Direction Direction, Fate Status, string RecipientDomain, string ProviderGroup, string SenderDomain);

    public readonly record struct Increment(long Count, long DeferralAttempts);
}
