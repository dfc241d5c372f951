using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Sessions;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application.Logout;

/// <summary>
/// Ends a session. The refresh token alone is enough (whoever holds it may end its session, and an expired access
/// token must not keep anyone logged in); a valid access token of the caller also ends its own session at once. An
/// unknown or already revoked refresh token is no error: the session it named is over either way.
/// </summary>
internal sealed class LogoutHandler(AuthDbContext db, AccessTokenReader tokenReader, RevocationStore revocations, TelegramGrants telegramGrants, AuditLog audit)
{
    public async Task<Result<Done>> HandleAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var token = caller.AccessToken is { } accessToken ? await tokenReader.ReadAsync(accessToken, cancellationToken) : null;
        if (token is null && string.IsNullOrEmpty(request.RefreshToken))
        {
            return caller.IsService
                ? ModuleError.Forbidden("Logout ends a person's session: send its refresh token, or call with that person's bearer token.")
                : ModuleError.Invalid("refresh_token", "'refresh_token' is required without a valid bearer token.");
        }

        // Past this point the session ends even if the client goes away: a logout half done is no logout.
        long? userId = token?.UserId;
        if (token is not null)
        {
            await revocations.RevokeAccessTokenAsync(token.Jti, token.ExpiresAt, CancellationToken.None);
            if (Guid.TryParseExact(token.Sid, "N", out var sessionId))
            {
                await revocations.RevokeFamilyAsync(sessionId, "logout", CancellationToken.None);
                await telegramGrants.EndForSessionAsync(token.UserId, sessionId, CancellationToken.None);
            }
        }

        if (!string.IsNullOrEmpty(request.RefreshToken))
        {
            var hash = RefreshTokenValue.Hash(request.RefreshToken);
            var family = await db.RefreshTokens.Where(t => t.TokenHash == hash)
                .Join(db.TokenFamilies, t => t.FamilyId, f => f.Id, (_, f) => new { f.Id, f.UserId })
                .FirstOrDefaultAsync(CancellationToken.None);
            if (family is not null && (token is null || family.UserId == token.UserId))
            {
                await revocations.RevokeFamilyAsync(family.Id, "logout", CancellationToken.None);
                await telegramGrants.EndForSessionAsync(family.UserId, family.Id, CancellationToken.None);
                userId ??= family.UserId;
            }
        }

        await audit.WriteAsync(AuditEventTypes.Logout, AuditLog.Success, client, userId, cancellationToken: CancellationToken.None);
        return Done.Value;
    }
}
