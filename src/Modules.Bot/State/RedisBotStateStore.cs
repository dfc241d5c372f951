using StackExchange.Redis;

namespace RepitBot.Modules.Bot.State;

/// <summary>The store shared by every bot instance: plain Redis keys with an expiry, and Redis's lock helpers.</summary>
internal sealed class RedisBotStateStore(IConnectionMultiplexer redis) : IBotStateStore
{
    private const string Prefix = "repitbot:bot:";

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StringGetAsync(Prefix + key).WaitAsync(cancellationToken);

    public Task SetAsync(string key, string value, TimeSpan lifetime, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Prefix + key, value, lifetime).WaitAsync(cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Prefix + key).WaitAsync(cancellationToken);

    public async Task<bool> HoldLockAsync(string key, string owner, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        return await database.LockExtendAsync(Prefix + key, owner, lifetime).WaitAsync(cancellationToken)
            || await database.LockTakeAsync(Prefix + key, owner, lifetime).WaitAsync(cancellationToken);
    }

    public Task ReleaseLockAsync(string key, string owner, CancellationToken cancellationToken) =>
        redis.GetDatabase().LockReleaseAsync(Prefix + key, owner).WaitAsync(cancellationToken);
}
