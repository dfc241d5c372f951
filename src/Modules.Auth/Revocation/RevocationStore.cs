using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Revoked access tokens (by jti) and sessions (by sid, the token family). Durable in the database first, then in
/// Redis when it is configured; checks ask Redis and fall back to the database, so they never fail open.
/// </summary>
internal sealed class RevocationStore(AuthDbContext db, JwtSettings jwt, TimeProvider clock, RedisDenylist? redis = null)
{
    public async Task RevokeAccessTokenAsync(string jti, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        if (!await db.RevokedAccessTokens.AnyAsync(r => r.Jti == jti, cancellationToken))
        {
            db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = jti, ExpiresAt = expiresAt, RevokedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Revoked at the same moment by another request: the row is there, which is all that matters.
                db.ChangeTracker.Clear();
            }
        }

        if (redis is not null)
        {
            await redis.DenyAsync(RedisDenylist.TokenKey(jti), expiresAt + JwtSettings.ClockSkew - now);
        }
    }

    /// <summary>Ends a session: its refresh tokens stop working and its access tokens fail validation.</summary>
    public async Task<bool> RevokeFamilyAsync(Guid familyId, string reason, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var revoked = await db.TokenFamilies
            .Where(f => f.Id == familyId && f.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.RevokedAt, now).SetProperty(f => f.RevokedReason, reason), cancellationToken);
        if (redis is not null)
        {
            await redis.DenyAsync(RedisDenylist.SessionKey(familyId.ToString("N")), jwt.AccessTokenLifetime + JwtSettings.ClockSkew);
        }

        return revoked > 0;
    }

    public async Task<bool> IsRevokedAsync(string? jti, string? sid, CancellationToken cancellationToken)
    {
        if (redis is not null && await redis.IsDeniedAsync(jti, sid, cancellationToken) is { } known)
        {
            return known;
        }

        if (jti is not null && await db.RevokedAccessTokens.AnyAsync(r => r.Jti == jti, cancellationToken))
        {
            return true;
        }

        return Guid.TryParseExact(sid, "N", out var familyId)
            && await db.TokenFamilies.AnyAsync(f => f.Id == familyId && f.RevokedAt != null, cancellationToken);
    }
}
