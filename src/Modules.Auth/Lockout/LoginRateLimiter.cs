using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// About <see cref="AuthSettings.LoginRateLimitPerMinute"/> login attempts per client (an address, an IPv6 /64) and
/// minute. The counts live in Redis when it is configured, so they hold across instances; in this process otherwise,
/// and while Redis does not answer, where past windows are dropped so a flood from many addresses cannot grow them.
/// </summary>
internal sealed partial class LoginRateLimiter(AuthSettings settings, TimeProvider clock, ILogger<LoginRateLimiter> logger, IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (long Window, int Count)> local = new(StringComparer.Ordinal);
    private long sweptWindow;

    /// <summary>How many clients this process counts itself right now (for the tests of the eviction).</summary>
    internal int LocalCount => local.Count;

    /// <summary>Counts one login attempt of the client at <paramref name="address"/>; null when it is allowed, else how long to wait.</summary>
    public Task<TimeSpan?> TryAcquireAsync(string? address, CancellationToken cancellationToken) =>
        TryAcquireBucketAsync(ClientBucket.Of(address), settings.LoginRateLimitPerMinute, cancellationToken);

    /// <summary>Counts one code check the bot makes for a Telegram account: all of the bot's requests come from one address.</summary>
    public Task<TimeSpan?> TryAcquireForTelegramAsync(long telegramId, CancellationToken cancellationToken) =>
        TryAcquireBucketAsync($"telegram:{telegramId}", settings.LoginRateLimitPerMinute, cancellationToken);

    /// <summary>Counts one request of a kind (its own counters, such as "refresh"); null when it is allowed, else how long to wait.</summary>
    public Task<TimeSpan?> TryAcquireAsync(string kind, int limitPerMinute, string? address, CancellationToken cancellationToken) =>
        TryAcquireBucketAsync($"{kind}:{ClientBucket.Of(address)}", limitPerMinute, cancellationToken);

    private async Task<TimeSpan?> TryAcquireBucketAsync(string bucket, int limitPerMinute, CancellationToken cancellationToken)
    {
        // Once counting starts it finishes: stopping between the increment and the expiry would leave a key that never
        // expires. So the caller's token is honoured here, before anything is counted.
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = now / (long)Window.TotalSeconds;
        var retryAfter = TimeSpan.FromSeconds((window + 1) * (long)Window.TotalSeconds - now);
        var count = await CountAsync(bucket, window);
        return count > limitPerMinute ? retryAfter : null;
    }

    private async Task<long> CountAsync(string bucket, long window)
    {
        if (redis is not null)
        {
            try
            {
                var key = (RedisKey)$"repitbot:auth:login-rate:{bucket}:{window}";
                var db = redis.GetDatabase();
                var count = await db.StringIncrementAsync(key);
                if (count == 1)
                {
                    await db.KeyExpireAsync(key, Window * 2);
                }

                return count;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogFallback(logger, e.GetType().Name);
            }
        }

        SweepPastWindows(window);
        return local.AddOrUpdate(bucket, _ => (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1)).Count;
    }

    /// <summary>Once per window, drops the counts of past windows: they can never refuse anyone again.</summary>
    private void SweepPastWindows(long window)
    {
        var swept = Interlocked.Read(ref sweptWindow);
        if (swept >= window || Interlocked.CompareExchange(ref sweptWindow, window, swept) != swept)
        {
            return;
        }

        foreach (var entry in local)
        {
            if (entry.Value.Window < window)
            {
                // Removes the entry only as it was seen: a count made meanwhile for the new window stays.
                local.TryRemove(entry);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a login rate count ({Error}); counting in this process")]
    private static partial void LogFallback(ILogger logger, string error);
}
