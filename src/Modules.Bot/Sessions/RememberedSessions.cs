using System.Collections.Concurrent;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Sessions;

/// <summary>
/// The access token each person last used through this instance, kept in process while it is fresh, so that an update
/// need not read and unseal the stored session (a Redis round trip, AES-GCM and JSON) to learn it. Only the access
/// token: the refresh token rotates, and another instance may have renewed it since, while an access token stays what it
/// is until it expires. Auth is still asked about it on every update, so a logout, a reissued code or a deactivation,
/// through any instance, ends it here too. At most <see cref="Capacity"/> people; past that the memory starts over.
/// </summary>
internal sealed class RememberedSessions
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<long, Access> people = new();

    /// <summary>The access token remembered for the account, if it is still valid after <paramref name="freshUntil"/>.</summary>
    public Access? Get(long telegramId, DateTimeOffset freshUntil) =>
        people.TryGetValue(telegramId, out var access) && access.ExpiresAt > freshUntil ? access : null;

    public void Keep(long telegramId, StoredSession session)
    {
        if (people.Count >= Capacity)
        {
            people.Clear();
        }

        people[telegramId] = new Access(session.UserId, session.Role, session.AccessToken, session.AccessExpiresAt);
    }

    public void Forget(long telegramId) => people.TryRemove(telegramId, out _);

    /// <summary>A person's access token. Never logged: <see cref="ToString"/> names the user only.</summary>
    internal sealed record Access(long UserId, UserRole Role, string AccessToken, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"access of user:{UserId}";
    }
}
