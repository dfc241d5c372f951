using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Lockout;
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
/// Rotates a refresh token: consumes it and answers the session's next pair, in one transaction. A retry of that
/// refresh within <see cref="AuthSettings.ReuseGrace"/> answers the same pair again; a consumed token presented later
/// is a replay. The session ends instead when its user is gone or deactivated, or their code has a newer version.
/// </summary>
internal sealed class RefreshHandler(
    AuthDbContext db,
    AuthSettings settings,
    LoginRateLimiter rateLimiter,
    IUsersModule users,
    RevocationStore revocations,
    RefreshReplayRefusal replays,
    TokenPairIssuer tokenPairs,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<Result<TokenPair>> HandleAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        // Counted where the refresh is carried out, like a login: through a host to a remote Auth Service, once (ADR 0011).
        if (await rateLimiter.TryAcquireAsync("refresh", settings.RefreshRateLimitPerMinute, client.Address, cancellationToken) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return ModuleError.TooManyRequests($"Too many refreshes from this address; try again in {seconds} seconds.", retryAfter);
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var presented = request.RefreshToken!;
        var hash = RefreshTokenValue.Hash(presented);
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

        if (token.ConsumedAt is { } consumedAt && now - consumedAt > AuthSettings.ReuseGrace)
        {
            return await replays.RefuseAsync(family, now - consumedAt, client, cancellationToken);
        }

        // Ask for the user before consuming the token: if Users cannot answer, the client may simply retry.
        var user = await users.GetUserAsync(AuthCaller.Self, family.UserId, cancellationToken);
        if (user.Error is { Kind: ErrorKind.Unavailable })
        {
            return ModuleError.UnavailableNothingDone("Refreshing is not possible right now; try again shortly.");
        }

        if (!user.IsSuccess || !user.Value.IsActive || family.CodeVersion < user.Value.CodeVersion)
        {
            var reason = !user.IsSuccess ? "user is deleted" : !user.Value.IsActive ? "user is deactivated" : "access code reissued or user deactivated since the login";
            await revocations.RevokeFamilyAsync(family.Id, reason, CancellationToken.None);
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: reason, cancellationToken: cancellationToken);
            return Refusals.Refresh;
        }

        if (token.ConsumedAt is null && await tokenPairs.RotateAsync(token, presented, family, user.Value) is { } rotated)
        {
            // Past the commit the client's pair exists: the audit line is written even if the client has gone.
            await audit.WriteAsync(AuditEventTypes.Refresh, AuditLog.Success, client, family.UserId, family.TelegramId, cancellationToken: CancellationToken.None);
            return rotated;
        }

        // Consumed already, by a parallel refresh or by an earlier try of this one whose answer was lost.
        var consumed = await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.Id == token.Id, cancellationToken);
        if (await tokenPairs.AnswerAgainAsync(consumed, presented, family, user.Value, cancellationToken) is { } again)
        {
            await audit.WriteAsync(AuditEventTypes.Refresh, AuditLog.Success, client, family.UserId, family.TelegramId, detail: "retry answered with the same pair", cancellationToken: cancellationToken);
            return again;
        }

        return await replays.RefuseAsync(family, now - (consumed.ConsumedAt ?? now), client, cancellationToken);
    }

    private static ModuleError? Validate(RefreshRequest request) =>
        string.IsNullOrEmpty(request.RefreshToken) ? ModuleError.Invalid("refresh_token", "'refresh_token' is required.") : null;
}
