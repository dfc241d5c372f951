using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// The fast path of revocation checks. The database is the truth: each revocation there carries a generation, the
/// value of a counter raised in the same transaction. Redis keeps the generation up to which it provably holds every
/// revocation (<see cref="GenerationKey"/>), raised only without gaps; it answers a check only when that generation
/// is the database's. A restarted, flushed or restored Redis, or a revocation whose Redis write failed, leaves it
/// behind, and the database answers until <see cref="DenylistSynchronizer"/> has copied the missing revocations over.
/// </summary>
internal sealed partial class RedisDenylist(IConnectionMultiplexer redis, ILogger<RedisDenylist> logger)
{
    public const string GenerationKey = "repitbot:auth:denylist:generation";

    /// <summary>Where each revocation is announced, so every process adds it to its <see cref="LocalDenylist"/> at once.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal(ChannelName);

    private const string ChannelName = "repitbot:auth:revocations";
    private const string Prefix = "repitbot:auth:denied:";
    private const string TokenPrefix = Prefix + "jti:";
    private const string SessionPrefix = Prefix + "sid:";

    // Writes one revocation and raises the generation to its own only if Redis held every one before it: a gap (a
    // revocation of another process not landed yet) keeps the generation where it is, and the database answering.
    // The announcement goes with the write, in one round trip: "<ttl in ms> <key>".
    private static readonly LuaScript DenyScript = LuaScript.Prepare("""
        redis.call('SET', @key, '1', 'PX', @ttl)
        redis.call('PUBLISH', @channel, @ttl .. ' ' .. @key)
        local held = tonumber(redis.call('GET', @generationKey) or '-1')
        if held == tonumber(@generation) - 1 then
          redis.call('SET', @generationKey, @generation)
        end
        return held
        """);

    // Raises the generation to at least the given one, never lowers it.
    private static readonly LuaScript RaiseScript = LuaScript.Prepare("""
        local held = tonumber(redis.call('GET', @generationKey) or '-1')
        if tonumber(@generation) > held then
          redis.call('SET', @generationKey, @generation)
        end
        return held
        """);

    public static RedisKey TokenKey(string jti) => TokenPrefix + jti;

    public static RedisKey SessionKey(string sid) => SessionPrefix + sid;

    /// <summary>
    /// True or false when Redis holds every revocation up to <paramref name="databaseGeneration"/>; null when only the
    /// database can say.
    /// </summary>
    public async Task<bool?> IsDeniedAsync(string? jti, string? sid, long databaseGeneration, CancellationToken cancellationToken)
    {
        try
        {
            RedisKey[] keys = [GenerationKey, TokenKey(jti ?? "-"), SessionKey(sid ?? "-")];
            var values = await redis.GetDatabase().StringGetAsync(keys).WaitAsync(cancellationToken);
            if (values[0].IsNull || (long)values[0] < databaseGeneration)
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
    /// Records a revocation the database committed with <paramref name="generation"/>. A failed write is only logged:
    /// Redis then stays behind the database, which answers until the synchronizer catches up.
    /// </summary>
    public async Task DenyAsync(RedisKey key, TimeSpan ttl, long generation)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(DenyScript, new
            {
                key,
                ttl = (long)Math.Max(1, ttl.TotalMilliseconds),
                channel = ChannelName,
                generationKey = (RedisKey)GenerationKey,
                generation,
            });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(logger, e.GetType().Name);
        }
    }

    /// <summary>The generation Redis holds every revocation up to; null when it holds none (empty, flushed) or does not answer.</summary>
    public async Task<long?> GenerationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(GenerationKey).WaitAsync(cancellationToken);
            return value.IsNull ? null : (long)value;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies revocations from the database, then raises the generation to <paramref name="generation"/>, read from the
    /// database before the revocations were: every revocation up to it is among them.
    /// </summary>
    public async Task LoadAsync(IEnumerable<(RedisKey Key, TimeSpan Ttl)> entries, long generation, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        foreach (var (key, ttl) in entries.Where(e => e.Ttl > TimeSpan.Zero))
        {
            await db.StringSetAsync(key, "1", ttl).WaitAsync(cancellationToken);
        }

        // The generation goes last: a load cancelled halfway leaves Redis behind, and the database answers.
        await db.ScriptEvaluateAsync(RaiseScript, new { generationKey = (RedisKey)GenerationKey, generation }).WaitAsync(cancellationToken);
        LogLoaded(logger, generation);
    }

    /// <summary>
    /// Hands every revocation announced on <see cref="Channel"/> (by any process, this one included) to
    /// <paramref name="onRevocation"/>. The client subscribes again after a reconnection; what is announced meanwhile
    /// is lost, which the database's generation makes up for.
    /// </summary>
    public Task SubscribeAsync(Action<bool, string, TimeSpan> onRevocation) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var text = (string?)message;
            var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
            if (text is null || space < 1 || !long.TryParse(text.AsSpan(0, space), out var ttlMs))
            {
                return;
            }

            var key = text[(space + 1)..];
            if (key.StartsWith(TokenPrefix, StringComparison.Ordinal))
            {
                onRevocation(false, key[TokenPrefix.Length..], TimeSpan.FromMilliseconds(ttlMs));
            }
            else if (key.StartsWith(SessionPrefix, StringComparison.Ordinal))
            {
                onRevocation(true, key[SessionPrefix.Length..], TimeSpan.FromMilliseconds(ttlMs));
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer a revocation request ({Error}); using the database")]
    private static partial void LogUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation denylist copied from the database to Redis up to generation {Generation}")]
    private static partial void LogLoaded(ILogger logger, long generation);
}
