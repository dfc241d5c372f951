using System.Collections.Concurrent;

namespace RepitBot.Modules.Bot.State;

/// <summary>The store of a single instance without Redis: entries expire as Redis keys would.</summary>
internal sealed class InMemoryBotStateStore(TimeProvider clock) : IBotStateStore
{
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset ExpiresAt)> entries = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > clock.GetUtcNow())
            {
                return Task.FromResult<string?>(entry.Value);
            }

            entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        return Task.FromResult<string?>(null);
    }

    public Task SetAsync(string key, string value, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        entries[key] = (value, clock.GetUtcNow() + lifetime);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<bool> HoldLockAsync(string key, string owner, TimeSpan lifetime, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseLockAsync(string key, string owner, CancellationToken cancellationToken) => Task.CompletedTask;
}
