using System.Collections.Concurrent;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application;

/// <summary>What Auth needs to know of a user to accept their token: active with this role, and the current code's age.</summary>
internal sealed record UserStatus(UserRole Role, DateTime AccessCodeIssuedAt)
{
    /// <summary>Deleted or deactivated.</summary>
    public static UserStatus Gone { get; } = new((UserRole)(-1), DateTime.MaxValue);
}

/// <summary>
/// A user's status, asked of the Users module and trusted for <see cref="AuthSettings.UserStatusCacheTime"/>: a
/// deactivated or deleted user's tokens, and tokens issued before their code was reissued, fail within that time.
/// </summary>
internal sealed class UserStatusCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, (UserStatus Status, DateTimeOffset CheckedAt)> entries = new();

    /// <summary>
    /// Whether a token of <paramref name="role"/> issued at <paramref name="issuedAt"/> still stands; null when Users
    /// cannot answer (never cached).
    /// </summary>
    public async Task<bool?> IsActiveAsync(long userId, DateTime issuedAt, Func<long, CancellationToken, Task<UserStatus?>> ask, UserRole role, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        UserStatus status;
        if (entries.TryGetValue(userId, out var entry) && now - entry.CheckedAt < AuthSettings.UserStatusCacheTime && now >= entry.CheckedAt)
        {
            status = entry.Status;
        }
        else if (await ask(userId, cancellationToken) is { } fresh)
        {
            entries[userId] = (fresh, now);
            status = fresh;
        }
        else
        {
            return null;
        }

        // A token's iat has whole seconds: compare with the reissue time cut to its second.
        var reissuedSecond = status.AccessCodeIssuedAt.AddTicks(-(status.AccessCodeIssuedAt.Ticks % TimeSpan.TicksPerSecond));
        return status != UserStatus.Gone && status.Role == role && issuedAt >= reissuedSecond;
    }
}
