using Postmeter.Server.Accounts;

namespace Postmeter.Server.Tests.Accounts;

public sealed class LoginThrottleTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ten_failures_are_free_then_the_lock_out_doubles_with_each_failure()
    {
        var throttle = new LoginThrottle(_clock);
        Fail(throttle, "192.0.2.1", "a@example.com", 10);

        var first = throttle.RetryAfter("198.51.100.7", "a@example.com");
        Fail(throttle, "192.0.2.1", "a@example.com", 1);
        var second = throttle.RetryAfter("198.51.100.7", "A@EXAMPLE.COM");

        Assert.Null(throttle.RetryAfter("198.51.100.7", "b@example.com"));
        Assert.Equal(TimeSpan.FromMinutes(1), first);
        Assert.Equal(TimeSpan.FromMinutes(2), second);
        Assert.Equal(TimeSpan.FromMinutes(2), throttle.RetryAfter("192.0.2.1", "b@example.com"));
    }

    [Fact]
    public void A_lock_out_longer_than_the_window_holds_and_the_count_is_forgiven_only_after_a_quiet_window()
    {
        var throttle = new LoginThrottle(_clock);
        Fail(throttle, "192.0.2.1", "a@example.com", 15);

        _clock.Advance(TimeSpan.FromMinutes(20));
        var stillLocked = throttle.RetryAfter("198.51.100.7", "a@example.com");
        _clock.Advance(TimeSpan.FromMinutes(13));
        var unlocked = throttle.RetryAfter("198.51.100.7", "a@example.com");
        Fail(throttle, "198.51.100.7", "a@example.com", 1);
        var lockedAgain = throttle.RetryAfter("198.51.100.8", "a@example.com");
        _clock.Advance(TimeSpan.FromHours(2));
        Fail(throttle, "198.51.100.7", "a@example.com", 1);

        Assert.Equal(TimeSpan.FromMinutes(12), stillLocked);
        Assert.Null(unlocked);
        Assert.Equal(TimeSpan.FromMinutes(60), lockedAgain);
        Assert.Null(throttle.RetryAfter("198.51.100.8", "a@example.com"));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_account_but_not_the_address()
    {
        var throttle = new LoginThrottle(_clock);
        Fail(throttle, "192.0.2.1", "a@example.com", 10);

        throttle.Succeeded("a@example.com");

        Assert.NotNull(throttle.RetryAfter("192.0.2.1", "b@example.com"));
        Assert.Null(throttle.RetryAfter("198.51.100.7", "a@example.com"));
    }

    private static void Fail(LoginThrottle throttle, string address, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            throttle.Failed(address, email);
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
