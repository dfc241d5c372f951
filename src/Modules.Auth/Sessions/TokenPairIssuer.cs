using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>
/// Issues the token pairs of sessions: the first pair of a new session (a login), the next pair of a running one (a
/// refresh, which consumes the presented token in the same transaction), and that same next pair again for a retry of
/// the refresh. A session is a <see cref="TokenFamily"/>; its access tokens carry its id as sid.
/// </summary>
internal sealed class TokenPairIssuer(AuthDbContext db, AccessTokenIssuer issuer, SuccessorTokens successors, JwtSettings jwt, TimeProvider clock)
{
    public async Task<TokenPair> StartSessionAsync(UserDto user, long? telegramId, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var family = new TokenFamily
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            TelegramId = telegramId,
            CodeVersion = user.CodeVersion,
            CreatedAt = now,
            ExpiresAt = now + jwt.RefreshTokenLifetime,
        };
        db.TokenFamilies.Add(family);
        var refresh = RefreshTokenValue.New();
        var stored = NewRefreshToken(family.Id, refresh, now);
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return Pair(family, user, stored, refresh);
    }

    /// <summary>
    /// Consumes <paramref name="presented"/> and stores its successor in one transaction; null when another refresh
    /// consumed it first. Takes no cancellation token on purpose: once the token is consumed, the successor must be
    /// committed with it, or the client holds neither. A transient failure retries the whole transaction.
    /// </summary>
    public async Task<TokenPair?> RotateAsync(RefreshToken presented, string presentedValue, TokenFamily family, UserDto user)
    {
        var successorValue = successors.Of(presentedValue);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = UtcTimestamps.Now(clock);
            var successor = NewRefreshToken(family.Id, successorValue, now);
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var won = await db.RefreshTokens
                .Where(t => t.Id == presented.Id && t.ConsumedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now).SetProperty(t => t.SuccessorId, successor.Id), CancellationToken.None);
            if (won == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return null;
            }

            db.RefreshTokens.Add(successor);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return Pair(family, user, successor, successorValue);
        });
    }

    /// <summary>
    /// The pair the refresh that consumed <paramref name="consumed"/> answered, for a retry of that refresh; null when
    /// there is none to give again (its successor was used already, or the server's key changed since).
    /// </summary>
    public async Task<TokenPair?> AnswerAgainAsync(RefreshToken consumed, string presentedValue, TokenFamily family, UserDto user, CancellationToken cancellationToken)
    {
        if (consumed.SuccessorId is not { } successorId
            || await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == successorId, cancellationToken) is not { } successor)
        {
            return null;
        }

        var successorValue = successors.Of(presentedValue);
        if (successor.ConsumedAt is not null || successor.TokenHash != RefreshTokenValue.Hash(successorValue))
        {
            return null;
        }

        return Pair(family, user, successor, successorValue);
    }

    private static RefreshToken NewRefreshToken(Guid familyId, string value, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        FamilyId = familyId,
        TokenHash = RefreshTokenValue.Hash(value),
        AccessTokenId = AccessTokenIssuer.NewTokenId(),
        CreatedAt = now,
    };

    /// <summary>The access token of a refresh token is signed from what the row keeps, so it comes out the same every time.</summary>
    private TokenPair Pair(TokenFamily family, UserDto user, RefreshToken refreshToken, string refreshValue)
    {
        var access = issuer.Issue(user.Id, user.Role, family.Id, family.CodeVersion, refreshToken.AccessTokenId!, refreshToken.CreatedAt);
        return new TokenPair(access.Token, refreshValue, TokenPair.BearerType, (int)jwt.AccessTokenLifetime.TotalSeconds, user.Id, user.Role);
    }
}
