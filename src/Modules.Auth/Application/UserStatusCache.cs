using System.Collections.Concurrent;
using Prometheus;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Monitoring;

namespace RepitBot.Modules.Auth.Application;

/// <summary>What Auth needs to know of a user to accept their token: active with this role, and the current code's version.</summary>
internal sealed record UserStatus(UserRole Role, int CodeVersion)
{
    /// <summary>Deleted or deactivated.</summary>
    public static UserStatus Gone { get; } = new((UserRole)(-1), int.MaxValue);
}

/// <summary>
/// A user's status, asked of the Users module and trusted for <see cref="AuthSettings.UserStatusCacheTime"/>: a
/// deactivated or deleted user's tokens, and tokens of sessions opened with an older version of their code, fail
/// within that time.
/// While Users cannot be asked, the last known status stands for at most <see cref="AuthSettings.UserStatusMaxStaleness"/>:
/// an outage of Users must not lock the admin out of the very lever (the deployment flags) that ends it.
/// </summary>
internal sealed class UserStatusCache
{
    private readonly ConcurrentDictionary<long, (UserStatus Status, DateTimeOffset AskedAt)> entries = new();
    private readonly TimeProvider clock;
    private readonly TimeSpan maxStaleness;
    private readonly Counter staleAnswers;
    private long lastStaleAnswerTicks;

    public UserStatusCache(TimeProvider clock, AuthSettings settings, ModuleMetrics metrics)
    {
        this.clock = clock;
        maxStaleness = settings.UserStatusMaxStaleness;
        staleAnswers = metrics.Factory.CreateCounter(
            "repitbot_auth_stale_user_status_total",
            "Token checks answered from a user's last known status because the Users module could not be asked.");
    }

    /// <summary>When a token was last checked against a last known status instead of a fresh one; null if never.</summary>
    public DateTimeOffset? LastStaleAnswer => Interlocked.Read(ref lastStaleAnswerTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public TimeSpan MaxStaleness => maxStaleness;

    /// <summary>
    /// Whether a token of <paramref name="role"/> from a session opened with <paramref name="codeVersion"/> of the code
    /// still stands; null when Users cannot answer and no status of this user is recent enough to stand in.
    /// </summary>
    public async Task<bool?> IsActiveAsync(long userId, int codeVersion, Func<long, CancellationToken, Task<UserStatus?>> ask, UserRole role, CancellationToken cancellationToken)
    {
        var askedAt = clock.GetUtcNow();
        UserStatus status;
        if (entries.TryGetValue(userId, out var entry) && askedAt - entry.AskedAt < AuthSettings.UserStatusCacheTime && askedAt >= entry.AskedAt)
        {
            status = entry.Status;
        }
        else if (await ask(userId, cancellationToken) is { } fresh)
        {
            // Answers can arrive out of order: one asked earlier never replaces one asked later, so a deactivation
            // learned by a later question stands.
            status = entries.AddOrUpdate(userId, (fresh, askedAt), (_, known) => known.AskedAt > askedAt ? known : (fresh, askedAt)).Status;
        }
        else if (entries.TryGetValue(userId, out var known) && askedAt - known.AskedAt <= maxStaleness)
        {
            status = known.Status;
            staleAnswers.Inc();
            Interlocked.Exchange(ref lastStaleAnswerTicks, clock.GetUtcNow().UtcTicks);
        }
        else
        {
            return null;
        }

        // Versions, not times: a reissue ends the older sessions whatever the clocks of the processes say. A newer
        // version than the known one is a session opened since; the status is asked again soon.
        return status != UserStatus.Gone && status.Role == role && codeVersion >= status.CodeVersion;
    }

    /// <summary>
    /// A user's status as Users tells Auth. Only a clear "no such user" (404) or an inactive user means gone. Any other
    /// answer (401 for a rotated-out key, 403, 503, ...) says nothing about the user: not knowing, never "inactive", so
    /// nobody is logged out by it.
    /// </summary>
    public static async Task<UserStatus?> AskAsync(IUsersModule users, long userId, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(AuthCaller.Self, userId, cancellationToken);
        if (!user.IsSuccess)
        {
            return user.Error.Kind == ErrorKind.NotFound ? UserStatus.Gone : null;
        }

        return user.Value.IsActive ? new UserStatus(user.Value.Role, user.Value.CodeVersion) : UserStatus.Gone;
    }
}
