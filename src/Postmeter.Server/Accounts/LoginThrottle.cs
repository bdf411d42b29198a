namespace Postmeter.Server.Accounts;

/// <summary>
/// Slows down password guessing, per client address (IPv6 by /64) and per account: after <see cref="FreeFailures"/>
/// failed sign-ins with no pause of <see cref="Window"/> between them, each further attempt is refused for a lock-out
/// that doubles with every failure (one minute, two, four… up to an hour); the count is forgiven only after a quiet
/// window past the lock-out. The client address is the real one: forwarded headers count only from trusted proxies.
/// Kept in memory, bounded in size.
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

    /// <summary>The lock-out after this many failures: none within the free ones, then one minute doubling up to an hour.</summary>
    private static TimeSpan Lockout(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << Math.Min(failures - FreeFailures, 10), LongestLockout.Ticks));

    private TimeSpan LockedFor(string key, DateTime now) =>
        _failures.TryGetValue(key, out var failures) ? Max(TimeSpan.Zero, failures.Last + Lockout(failures.Count) - now) : TimeSpan.Zero;

    /// <summary>Whether the count is forgiven: a quiet window after the lock-out has ended.</summary>
    private static bool Forgiven(Failures failures, DateTime now) => now - failures.Last > Window + Lockout(failures.Count);

    private void Count(string key, DateTime now)
    {
        var failures = _failures.GetValueOrDefault(key);
        var count = failures is null || Forgiven(failures, now) ? 1 : failures.Count + 1;
        _failures[key] = new Failures(count, now);
    }

    private void Forget(DateTime now)
    {
        foreach (var key in _failures.Where(p => Forgiven(p.Value, now)).Select(p => p.Key).ToList())
        {
            _failures.Remove(key);
        }

        if (_failures.Count >= MaximumKeys)
        {
            // Still full of fresh entries (a flood of addresses): drop the oldest half of those not locked out, rather
            // than grow without bound; a locked account stays locked.
            foreach (var key in _failures.Where(p => p.Value.Last + Lockout(p.Value.Count) <= now).OrderBy(p => p.Value.Last).Take(MaximumKeys / 2).Select(p => p.Key).ToList())
            {
                _failures.Remove(key);
            }
        }
    }

    private sealed record Failures(int Count, DateTime Last);
}
