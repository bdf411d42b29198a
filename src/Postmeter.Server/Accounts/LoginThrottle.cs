namespace Postmeter.Server.Accounts;

/// <summary>
/// Slows down password guessing, per client address and per account: after <see cref="FreeFailures"/> failed
/// sign-ins within <see cref="Window"/>, each further attempt is refused for a lock-out that doubles with every
/// failure (one minute, two, four… up to an hour). The client address is the real one: forwarded headers count only
/// from trusted proxies. Kept in memory, bounded in size.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeFailures = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaximumKeys = 100_000;

    private static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long the caller must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string clientAddress, string email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var wait = Max(LockedFor(AddressKey(clientAddress), now), LockedFor(AccountKey(email), now));
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(string clientAddress, string email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (_failures.Count >= MaximumKeys)
            {
                Forget(now);
            }

            Count(AddressKey(clientAddress), now);
            Count(AccountKey(email), now);
        }
    }

    /// <summary>A successful sign-in clears the account's count (not the address's: one good account must not unlock guessing at others).</summary>
    public void Succeeded(string email)
    {
        lock (_lock)
        {
            _failures.Remove(AccountKey(email));
        }
    }

    private static string AddressKey(string clientAddress) => "ip " + clientAddress;

    private static string AccountKey(string email) => "account " + email.ToUpperInvariant();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private TimeSpan LockedFor(string key, DateTime now)
    {
        if (!_failures.TryGetValue(key, out var failures) || failures.Count < FreeFailures || now - failures.Last > Window)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures.Count - FreeFailures, 10);
        var lockout = TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << doublings, LongestLockout.Ticks));
        return failures.Last + lockout - now;
    }

    private void Count(string key, DateTime now)
    {
        var failures = _failures.GetValueOrDefault(key);
        // A quiet window forgives what came before it.
        var count = failures is not null && now - failures.Last <= Window ? failures.Count + 1 : 1;
        _failures[key] = new Failures(count, now);
    }

    private void Forget(DateTime now)
    {
        foreach (var key in _failures.Where(p => now - p.Value.Last > Window + LongestLockout).Select(p => p.Key).ToList())
        {
            _failures.Remove(key);
        }

        if (_failures.Count >= MaximumKeys)
        {
            // Still full of fresh entries (a flood of addresses): drop the oldest half rather than grow without bound.
            foreach (var key in _failures.OrderBy(p => p.Value.Last).Take(MaximumKeys / 2).Select(p => p.Key).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private sealed record Failures(int Count, DateTime Last);
}
