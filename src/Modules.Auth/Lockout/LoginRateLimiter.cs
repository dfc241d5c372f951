using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// About <see cref="AuthSettings.LoginRateLimitPerMinute"/> login attempts per client address and minute. The counts
/// live in Redis when it is configured, so they hold across instances; in this process otherwise, and while Redis
/// does not answer.
/// </summary>
internal sealed partial class LoginRateLimiter(AuthSettings settings, TimeProvider clock, ILogger<LoginRateLimiter> logger, IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (long Window, int Count)> local = new(StringComparer.Ordinal);

    /// <summary>Counts one login attempt; null when it is allowed, else how long to wait.</summary>
    public Task<TimeSpan?> TryAcquireAsync(string address, CancellationToken cancellationToken) =>
        TryAcquireAsync("login", settings.LoginRateLimitPerMinute, address, cancellationToken);

    /// <summary>Counts one request of a kind (its own counters, such as "refresh"); null when it is allowed, else how long to wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string kind, int limitPerMinute, string address, CancellationToken cancellationToken)
    {
        // Once counting starts it finishes: stopping between the increment and the expiry would leave a key that never
        // expires. So the caller's token is honoured here, before anything is counted.
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = now / (long)Window.TotalSeconds;
        var retryAfter = TimeSpan.FromSeconds((window + 1) * (long)Window.TotalSeconds - now);
        var count = await CountAsync(kind == "login" ? address : $"{kind}:{address}", window);
        return count > limitPerMinute ? retryAfter : null;
    }

    private async Task<long> CountAsync(string address, long window)
    {
        if (redis is not null)
        {
            try
            {
                var key = (RedisKey)$"repitbot:auth:login-rate:{address}:{window}";
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

        return local.AddOrUpdate(address, _ => (window, 1), (_, old) => old.Window == window ? (window, old.Count + 1) : (window, 1)).Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a login rate count ({Error}); counting in this process")]
    private static partial void LogFallback(ILogger logger, string error);
}
