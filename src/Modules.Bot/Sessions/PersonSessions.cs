using System.Globalization;
using System.Text.Json;
using RepitBot.Modules.Bot.State;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Bot.Sessions;

/// <summary>
/// Each person's tokens, kept per Telegram account: used while fresh, renewed with the refresh token, and when that
/// fails the bot logs the person in again with its own identity (the Telegram login), which works only while their
/// account stays linked with the current code. Tokens never reach a log line, and the store holds them sealed
/// (<see cref="BotSecrets"/>): an entry that does not open (another key) is no session, and the person is logged in again.
/// The access token last used through this instance is also remembered in process (<see cref="RememberedSessions"/>).
/// </summary>
internal sealed class PersonSessions(IBotStateStore store, IAuthModule auth, BotSecrets secrets, RememberedSessions remembered, TimeProvider clock)
{
    /// <summary>The bot's own identity: the only one Auth lets log a Telegram account in.</summary>
    public static readonly Caller Bot = Caller.Service(ServiceNames.Bot);

    /// <summary>What the bot passes as the client of its calls, for Auth's audit log and limits.</summary>
    public static readonly ClientInfo Client = new("telegram-bot");

    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    /// <param name="telegramId">The person's Telegram account.</param>
    /// <param name="checkWithAuth">
    /// False for a caller that only reaches modules through the router: a fresh kept token then comes back unchecked
    /// (<see cref="Caller.PersonToCheck"/>), since a remote module checks it and the router checks it before a module
    /// serves it in process (ADR 0026).
    /// </param>
    /// <param name="cancellationToken">The update's.</param>
    public async Task<SessionLookup> LookupAsync(long telegramId, bool checkWithAuth, CancellationToken cancellationToken)
    {
        // In process a module trusts the caller it is given, so the bot asks Auth whether the token still holds
        // (logged out, code reissued, deactivated) before acting on it, remembered or stored alike. When Auth cannot say,
        // the token is used: a remote module checks it anyway, and nobody is logged out by an outage.
        if (remembered.Get(telegramId, clock.GetUtcNow() + RenewBefore) is { } known)
        {
            if (!checkWithAuth)
            {
                return new SessionLookup(Caller.PersonToCheck(known.UserId, known.Role, known.AccessToken), false, null);
            }

            if (await StillHoldsAsync(known.AccessToken, cancellationToken))
            {
                return new SessionLookup(Caller.Person(known.UserId, known.Role, known.AccessToken), false, null);
            }

            remembered.Forget(telegramId);
        }

        var stored = await LoadAsync(telegramId, cancellationToken);
        if (stored is not null && stored.AccessExpiresAt - RenewBefore > clock.GetUtcNow() && (!checkWithAuth || await StillHoldsAsync(stored.AccessToken, cancellationToken)))
        {
            remembered.Keep(telegramId, stored);
            return new SessionLookup(checkWithAuth ? CallerOf(stored) : Caller.PersonToCheck(stored.UserId, stored.Role, stored.AccessToken), false, null);
        }

        // A token Auth no longer accepts is not renewed: only a Telegram login can tell whether the person may go on.
        if (stored is not null && stored.AccessExpiresAt - RenewBefore <= clock.GetUtcNow())
        {
            var refreshed = await auth.RefreshAsync(new RefreshRequest(stored.RefreshToken), Client, cancellationToken);
            if (refreshed.IsSuccess)
            {
                return new SessionLookup(CallerOf(await SaveAsync(telegramId, refreshed.Value, cancellationToken)), false, null);
            }

            if (refreshed.Error.Kind == ErrorKind.Unavailable)
            {
                return new SessionLookup(null, false, refreshed.Error);
            }
        }

        var login = await auth.TelegramLoginAsync(Bot, new TelegramLoginRequest(telegramId), Client, cancellationToken);
        if (login.IsSuccess)
        {
            return new SessionLookup(CallerOf(await SaveAsync(telegramId, login.Value, cancellationToken)), false, null);
        }

        if (login.Error.Kind is ErrorKind.Unavailable)
        {
            return new SessionLookup(null, false, login.Error);
        }

        remembered.Forget(telegramId);
        if (stored is not null)
        {
            await store.DeleteAsync(Key(telegramId), cancellationToken);
        }

        return new SessionLookup(null, stored is not null, null);
    }

    private async Task<bool> StillHoldsAsync(string accessToken, CancellationToken cancellationToken)
    {
        var check = await auth.ValidateAsync(Bot, new ValidateTokenRequest(accessToken), cancellationToken);
        return !check.IsSuccess || check.Value.Active;
    }

    public async Task<StoredSession> SaveAsync(long telegramId, TokenPair tokens, CancellationToken cancellationToken)
    {
        var session = new StoredSession(tokens.UserId, tokens.UserRole, tokens.AccessToken, tokens.RefreshToken, clock.GetUtcNow().AddSeconds(tokens.ExpiresIn));
        var key = Key(telegramId);
        await store.SetAsync(key, secrets.Seal(JsonSerializer.Serialize(session), key), KeptFor, cancellationToken);
        remembered.Keep(telegramId, session);
        return session;
    }

    /// <summary>Drops the kept tokens, so the next lookup renews them or logs the person in again.</summary>
    public Task ForgetAsync(long telegramId, CancellationToken cancellationToken)
    {
        remembered.Forget(telegramId);
        return store.DeleteAsync(Key(telegramId), cancellationToken);
    }

    /// <summary>Ends the person's session at Auth (which also ends the bot's right to log them in) and forgets it here.</summary>
    public async Task<Result<Done>> LogoutAsync(long telegramId, CancellationToken cancellationToken)
    {
        // A fresh token first: Auth ends the session (and the Telegram login grant) only for a token it accepts.
        var lookup = await LookupAsync(telegramId, checkWithAuth: true, cancellationToken);
        if (lookup.Error is not null)
        {
            return lookup.Error;
        }

        var stored = await LoadAsync(telegramId, cancellationToken);
        if (stored is null)
        {
            return Done.Value;
        }

        var result = await auth.LogoutAsync(CallerOf(stored), new LogoutRequest(stored.RefreshToken), Client, cancellationToken);
        if (result.IsSuccess || result.Error.Kind is ErrorKind.Unauthorized)
        {
            remembered.Forget(telegramId);
            await store.DeleteAsync(Key(telegramId), cancellationToken);
            return Done.Value;
        }

        return result;
    }

    private async Task<StoredSession?> LoadAsync(long telegramId, CancellationToken cancellationToken)
    {
        var key = Key(telegramId);
        var sealedSession = await store.GetAsync(key, cancellationToken);
        return sealedSession is not null && secrets.Open(sealedSession, key) is { } json ? JsonSerializer.Deserialize<StoredSession>(json) : null;
    }

    private static Caller CallerOf(StoredSession session) => Caller.Person(session.UserId, session.Role, session.AccessToken);

    private static string Key(long telegramId) => "session:" + telegramId.ToString(CultureInfo.InvariantCulture);
}
