using System.Collections.Concurrent;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Whether a user may still hold a session, asked of the Users module and trusted for
/// <see cref="AuthSettings.UserStatusCacheTime"/>: a deactivated or deleted user's tokens fail within that time.
/// </summary>
internal sealed class UserStatusCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, (bool Active, DateTimeOffset CheckedAt)> entries = new();

    /// <summary>True or false as Users says; null when Users cannot answer (never cached).</summary>
    public async Task<bool?> IsActiveAsync(long userId, Func<long, Task<bool?>> ask)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(userId, out var entry) && now - entry.CheckedAt < AuthSettings.UserStatusCacheTime && now >= entry.CheckedAt)
        {
            return entry.Active;
        }

        var active = await ask(userId);
        if (active is { } known)
        {
            entries[userId] = (known, now);
        }

        return active;
    }

    public void Forget(long userId) => entries.TryRemove(userId, out _);
}
