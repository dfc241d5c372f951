using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RepitBot.Modules.Auth.Lockout;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>
/// The counters a process keeps itself (no Redis, or Redis not answering) forget what can no longer refuse anyone, so
/// a flood from many addresses or with many made-up codes does not grow them for ever.
/// </summary>
public sealed class InMemoryCounterEvictionTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));

    [Fact]
    public async Task Login_rate_counts_of_past_minutes_are_dropped()
    {
        var limiter = new LoginRateLimiter(new AuthSettings(null!, 3, TimeSpan.Zero), clock, NullLogger<LoginRateLimiter>.Instance);
        for (var i = 0; i < 500; i++)
        {
            await limiter.TryAcquireAsync($"198.51.{i / 256}.{i % 256}", CancellationToken.None);
        }

        Assert.Equal(500, limiter.LocalCount);
        clock.Advance(TimeSpan.FromMinutes(1));
        await limiter.TryAcquireAsync("203.0.113.1", CancellationToken.None);

        Assert.Equal(1, limiter.LocalCount);
    }

    [Fact]
    public async Task Ipv6_addresses_of_one_64_count_together_and_other_64s_apart()
    {
        var limiter = new LoginRateLimiter(new AuthSettings(null!, 2, TimeSpan.Zero), clock, NullLogger<LoginRateLimiter>.Instance);

        Assert.Null(await limiter.TryAcquireAsync("2001:db8:1:2::1", CancellationToken.None));
        Assert.Null(await limiter.TryAcquireAsync("2001:db8:1:2:aaaa:bbbb:cccc:dddd", CancellationToken.None));
        Assert.NotNull(await limiter.TryAcquireAsync("2001:db8:1:2::ffff", CancellationToken.None));
        Assert.Null(await limiter.TryAcquireAsync("2001:db8:1:3::1", CancellationToken.None));
        Assert.Null(await limiter.TryAcquireAsync("::ffff:192.0.2.7", CancellationToken.None));
        Assert.Null(await limiter.TryAcquireAsync("192.0.2.7", CancellationToken.None));
        Assert.NotNull(await limiter.TryAcquireAsync("192.0.2.7", CancellationToken.None));
    }

    [Fact]
    public async Task Lockout_counters_past_their_reset_time_are_dropped()
    {
        var store = new InMemoryLoginAttemptStore();
        for (var i = 0; i < 300; i++)
        {
            await store.RecordFailureAsync($"LOOK{i:D2}", clock.GetUtcNow(), CancellationToken.None);
        }

        Assert.Equal(300, store.Count);
        clock.Advance(LockoutPolicy.ResetAfter + TimeSpan.FromMinutes(2));
        await store.RecordFailureAsync("FRESH1", clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1, store.Count);
    }
}
