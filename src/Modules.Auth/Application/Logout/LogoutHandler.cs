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
/// Ends the session of the presented access token at once (the token itself and its family), the Telegram grant of
/// that session, and the session of the given refresh token if it is the same person's.
/// </summary>
internal sealed class LogoutHandler(AuthDbContext db, AccessTokenReader tokenReader, RevocationStore revocations, TelegramGrants telegramGrants, AuditLog audit)
{
    public async Task<Result<Done>> HandleAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (caller.AccessToken is not { } accessToken || await tokenReader.ReadAsync(accessToken, cancellationToken) is not { } token)
        {
            return Refusals.AccessToken;
        }

        await revocations.RevokeAccessTokenAsync(token.Jti, token.ExpiresAt, cancellationToken);
        if (Guid.TryParseExact(token.Sid, "N", out var sessionId))
        {
            await revocations.RevokeFamilyAsync(sessionId, "logout", cancellationToken);
            await telegramGrants.EndForSessionAsync(token.UserId, sessionId, cancellationToken);
        }

        if (!string.IsNullOrEmpty(request.RefreshToken))
        {
            var hash = RefreshTokenValue.Hash(request.RefreshToken);
            var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
            if (familyId is { } id && await db.TokenFamilies.AnyAsync(f => f.Id == id && f.UserId == token.UserId, cancellationToken))
            {
                await revocations.RevokeFamilyAsync(id, "logout", cancellationToken);
            }
        }

        await audit.WriteAsync(AuditEventTypes.Logout, AuditLog.Success, client, token.UserId, cancellationToken: cancellationToken);
        return Done.Value;
    }
}
