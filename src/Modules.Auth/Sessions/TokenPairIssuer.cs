using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>
/// Issues the token pairs of sessions: the first pair of a new session (a login) and the next pair of a running one
/// (a refresh). A session is a <see cref="TokenFamily"/>; its access tokens carry its id as sid.
/// </summary>
internal sealed class TokenPairIssuer(AuthDbContext db, AccessTokenIssuer issuer, JwtSettings jwt, TimeProvider clock)
{
    public async Task<TokenPair> StartSessionAsync(UserDto user, long? telegramId, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var family = new TokenFamily { Id = Guid.NewGuid(), UserId = user.Id, TelegramId = telegramId, CreatedAt = now, ExpiresAt = now + jwt.RefreshTokenLifetime };
        db.TokenFamilies.Add(family);
        return await IssueAsync(family.Id, user, now, cancellationToken);
    }

    /// <summary>The next pair of a session whose current refresh token the caller has just consumed.</summary>
    public Task<TokenPair> ContinueSessionAsync(Guid sessionId, UserDto user, CancellationToken cancellationToken) =>
        IssueAsync(sessionId, user, UtcTimestamps.Now(clock), cancellationToken);

    private async Task<TokenPair> IssueAsync(Guid sessionId, UserDto user, DateTime now, CancellationToken cancellationToken)
    {
        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(new RefreshToken { Id = Guid.NewGuid(), FamilyId = sessionId, TokenHash = RefreshTokenValue.Hash(refresh), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var access = issuer.Issue(user.Id, user.Role, sessionId);
        return new TokenPair(access.Token, refresh, TokenPair.BearerType, (int)jwt.AccessTokenLifetime.TotalSeconds, user.Id, user.Role);
    }
}
