using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Sessions;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Application.Refresh;

/// <summary>
/// Rotates a refresh token: consumes it and answers the session's next pair. The session ends instead when its user is
/// gone or deactivated or their code was reissued since the login; a consumed token presented again is a replay.
/// </summary>
internal sealed class RefreshHandler(
    AuthDbContext db,
    IUsersModule users,
    RevocationStore revocations,
    RefreshReplayRefusal replays,
    TokenPairIssuer tokenPairs,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<Result<TokenPair>> HandleAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var hash = RefreshTokenValue.Hash(request.RefreshToken!);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var family = token is null ? null : await db.TokenFamilies.AsNoTracking().FirstOrDefaultAsync(f => f.Id == token.FamilyId, cancellationToken);
        var now = UtcTimestamps.Now(clock);
        if (token is null || family is null)
        {
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, detail: "unknown refresh token", cancellationToken: cancellationToken);
            return Refusals.Refresh;
        }

        if (family.RevokedAt is not null || now >= family.ExpiresAt)
        {
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: family.RevokedAt is null ? "session expired" : "session revoked", cancellationToken: cancellationToken);
            return Refusals.Refresh;
        }

        if (token.ConsumedAt is { } consumedAt)
        {
            return await replays.RefuseAsync(family, now - consumedAt, client, cancellationToken);
        }

        // Ask for the user before consuming the token: if Users cannot answer, the client may simply retry.
        var user = await users.GetUserAsync(AuthCaller.Self, family.UserId, cancellationToken);
        if (user.Error is { Kind: ErrorKind.Unavailable })
        {
            return ModuleError.UnavailableNothingDone("Refreshing is not possible right now; try again shortly.");
        }

        if (!user.IsSuccess || !user.Value.IsActive || family.CreatedAt < user.Value.CodeIssuedAt)
        {
            var reason = !user.IsSuccess || !user.Value.IsActive ? "user is deactivated or deleted" : "access code reissued since the login";
            await revocations.RevokeFamilyAsync(family.Id, reason, cancellationToken);
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: reason, cancellationToken: cancellationToken);
            return Refusals.Refresh;
        }

        // Exactly one of any number of parallel refreshes of this token wins this update.
        var won = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (won == 0)
        {
            return await replays.RefuseAsync(family, TimeSpan.Zero, client, cancellationToken);
        }

        var tokens = await tokenPairs.ContinueSessionAsync(family.Id, user.Value, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.Refresh, AuditLog.Success, client, family.UserId, family.TelegramId, cancellationToken: cancellationToken);
        return tokens;
    }

    private static ModuleError? Validate(RefreshRequest request) =>
        string.IsNullOrEmpty(request.RefreshToken) ? ModuleError.Invalid("refresh_token", "'refresh_token' is required.") : null;
}
