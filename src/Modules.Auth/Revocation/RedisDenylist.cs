using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// The fast path of revocation checks. The database is the truth; Redis answers only while it is known to hold every
/// revocation: a marker key says a full copy from the database is in place (a restarted, empty Redis lacks it), and
/// writes that failed are retried until they land. When Redis cannot answer for sure, the caller asks the database.
/// </summary>
internal sealed partial class RedisDenylist(IConnectionMultiplexer redis, ILogger<RedisDenylist> logger)
{
    public const string ReadyKey = "repitbot:auth:denylist:ready";
    private const string Prefix = "repitbot:auth:denied:";
    private readonly ConcurrentQueue<(RedisKey Key, TimeSpan Ttl)> pending = new();

    public static RedisKey TokenKey(string jti) => Prefix + "jti:" + jti;

    public static RedisKey SessionKey(string sid) => Prefix + "sid:" + sid;

    public bool HasPendingWrites => !pending.IsEmpty;

    /// <summary>True or false when Redis knows; null when only the database can say.</summary>
    public async Task<bool?> IsDeniedAsync(string? jti, string? sid, CancellationToken cancellationToken)
    {
        if (!pending.IsEmpty)
        {
            return null;
        }

        try
        {
            RedisKey[] keys = [ReadyKey, TokenKey(jti ?? "-"), SessionKey(sid ?? "-")];
            var values = await redis.GetDatabase().StringGetAsync(keys).WaitAsync(cancellationToken);
            if (values[0].IsNull)
            {
                return null;
            }

            return !values[1].IsNull || !values[2].IsNull;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(logger, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Records a revocation the database already holds. Deliberately not cancellable: abandoned halfway, Redis could
    /// claim to hold every revocation while missing this one, and answer "not revoked".
    /// </summary>
    public async Task DenyAsync(RedisKey key, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(key, "1", ttl);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Until this lands, this process answers every check from the database.
            pending.Enqueue((key, ttl));
            LogUnavailable(logger, e.GetType().Name);
        }
    }

    /// <summary>Writes the queued revocations; false while Redis still refuses.</summary>
    public async Task<bool> FlushPendingAsync(CancellationToken cancellationToken)
    {
        while (pending.TryPeek(out var item))
        {
            try
            {
                // Dequeued only once written, so a cancelled flush leaves the item for the next one.
                await redis.GetDatabase().StringSetAsync(item.Key, "1", item.Ttl).WaitAsync(cancellationToken);
                pending.TryDequeue(out _);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(ReadyKey).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Copies every live revocation from the database, then sets the marker that lets Redis answer.</summary>
    public async Task LoadAsync(IEnumerable<(RedisKey Key, TimeSpan Ttl)> entries, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        foreach (var (key, ttl) in entries.Where(e => e.Ttl > TimeSpan.Zero))
        {
            await db.StringSetAsync(key, "1", ttl).WaitAsync(cancellationToken);
        }

        // The marker goes last: a load cancelled halfway leaves Redis unready, and the database answers.
        await db.StringSetAsync(ReadyKey, "1").WaitAsync(cancellationToken);
        LogLoaded(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a revocation request ({Error}); using the database")]
    private static partial void LogUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation denylist copied from the database to Redis")]
    private static partial void LogLoaded(ILogger logger);
}
