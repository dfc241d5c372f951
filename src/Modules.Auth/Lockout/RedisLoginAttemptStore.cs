using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// The counters in Redis, shared by every instance. The count and the lock are computed in one script, so parallel
/// failures on several instances all count. If Redis does not answer, the process's own counters take over.
/// </summary>
internal sealed partial class RedisLoginAttemptStore(IConnectionMultiplexer redis, InMemoryLoginAttemptStore fallback, ILogger<RedisLoginAttemptStore> logger) : ILoginAttemptStore
{
    private const string Prefix = "repitbot:auth:lockout:";

    // KEYS[1] = counter hash; ARGV = now (ms), reset-after (ms), free failures, first lock (ms), max lock (ms).
    private static readonly LuaScript RecordFailure = LuaScript.Prepare("""
        local now = tonumber(@now)
        local failures = tonumber(redis.call('HGET', @key, 'failures') or '0')
        local last = tonumber(redis.call('HGET', @key, 'last') or '0')
        if now - last > tonumber(@resetAfter) then failures = 0 end
        failures = failures + 1
        local lockedUntil = 0
        local over = failures - tonumber(@freeFailures)
        if over > 0 then
          lockedUntil = now + math.min(tonumber(@firstLock) * (2 ^ math.min(over - 1, 10)), tonumber(@maxLock))
        end
        redis.call('HSET', @key, 'failures', failures, 'last', now, 'locked_until', lockedUntil)
        redis.call('PEXPIRE', @key, tonumber(@resetAfter))
        return { failures, tostring(lockedUntil) }
        """);

    // The same, but refused without counting while the code is locked: the check and the count are one step, so of
    // any number of parallel attempts only those the lock still allows get through. Returns granted (1/0) first.
    private static readonly LuaScript Reserve = LuaScript.Prepare("""
        local now = tonumber(@now)
        local failures = tonumber(redis.call('HGET', @key, 'failures') or '0')
        local last = tonumber(redis.call('HGET', @key, 'last') or '0')
        local lockedUntil = tonumber(redis.call('HGET', @key, 'locked_until') or '0')
        if now - last > tonumber(@resetAfter) then
          failures = 0
          lockedUntil = 0
        end
        if now < lockedUntil then
          return { 0, failures, tostring(lockedUntil) }
        end
        failures = failures + 1
        lockedUntil = 0
        local over = failures - tonumber(@freeFailures)
        if over > 0 then
          lockedUntil = now + math.min(tonumber(@firstLock) * (2 ^ math.min(over - 1, 10)), tonumber(@maxLock))
        end
        redis.call('HSET', @key, 'failures', failures, 'last', now, 'locked_until', lockedUntil)
        redis.call('PEXPIRE', @key, tonumber(@resetAfter))
        return { 1, failures, tostring(lockedUntil) }
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        local failures = tonumber(redis.call('HGET', @key, 'failures') or '0')
        if failures > 0 then
          failures = failures - 1
          redis.call('HSET', @key, 'failures', failures)
          if failures <= tonumber(@freeFailures) then
            redis.call('HSET', @key, 'locked_until', 0)
          end
        end
        return failures
        """);

    // Redis commands take no cancellation token: a cancelled caller stops waiting (WaitAsync), the command still runs.
    public async Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var values = await redis.GetDatabase().HashGetAsync(Key(lookupId), ["failures", "last", "locked_until"]).WaitAsync(cancellationToken);
            if (values[0].IsNull || now.ToUnixTimeMilliseconds() - (long)values[1] > (long)LockoutPolicy.ResetAfter.TotalMilliseconds)
            {
                return default;
            }

            return new LoginAttemptState((int)values[0], DateTimeOffset.FromUnixTimeMilliseconds((long)values[2]));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFallback(logger, e.GetType().Name);
            return await fallback.GetAsync(lookupId, now, cancellationToken);
        }
    }

    public async Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RecordFailure, new
            {
                key = Key(lookupId),
                now = now.ToUnixTimeMilliseconds(),
                resetAfter = (long)LockoutPolicy.ResetAfter.TotalMilliseconds,
                freeFailures = LockoutPolicy.FreeFailures,
                firstLock = (long)LockoutPolicy.FirstLock.TotalMilliseconds,
                maxLock = (long)LockoutPolicy.MaxLock.TotalMilliseconds,
            }).WaitAsync(cancellationToken))!;
            return new LoginAttemptState((int)result[0], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[1]!, System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFallback(logger, e.GetType().Name);
            return await fallback.RecordFailureAsync(lookupId, now, cancellationToken);
        }
    }

    public async Task<AttemptReservation> ReserveAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Reserve, new
            {
                key = Key(lookupId),
                now = now.ToUnixTimeMilliseconds(),
                resetAfter = (long)LockoutPolicy.ResetAfter.TotalMilliseconds,
                freeFailures = LockoutPolicy.FreeFailures,
                firstLock = (long)LockoutPolicy.FirstLock.TotalMilliseconds,
                maxLock = (long)LockoutPolicy.MaxLock.TotalMilliseconds,
            }).WaitAsync(cancellationToken))!;
            var lockedUntil = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[2]!, System.Globalization.CultureInfo.InvariantCulture));
            return new AttemptReservation((int)result[0] == 1, new LoginAttemptState((int)result[1], lockedUntil));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFallback(logger, e.GetType().Name);
            return await fallback.ReserveAsync(lookupId, now, cancellationToken);
        }
    }

    public async Task ReleaseAsync(string lookupId, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(Release, new { key = Key(lookupId), freeFailures = LockoutPolicy.FreeFailures }).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFallback(logger, e.GetType().Name);
            await fallback.ReleaseAsync(lookupId, cancellationToken);
        }
    }

    public async Task ResetAsync(string lookupId, CancellationToken cancellationToken)
    {
        await fallback.ResetAsync(lookupId, cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(lookupId)).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFallback(logger, e.GetType().Name);
        }
    }

    private static RedisKey Key(string lookupId) => Prefix + lookupId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a lockout request ({Error}); using this process's counters")]
    private static partial void LogFallback(ILogger logger, string error);
}
