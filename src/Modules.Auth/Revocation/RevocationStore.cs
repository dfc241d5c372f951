using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Revoked access tokens (by jti) and sessions (by sid, the token family). Durable in the database first, each with
/// the next revocation generation in the same transaction, then in this process's <see cref="LocalDenylist"/> and in
/// Redis when it is configured (which tells the other processes). A check answers from the local copy while it is
/// recent (ADR 0018); otherwise it asks Redis only when Redis holds the database's generation, and the database
/// otherwise, so checks never fail open.
/// </summary>
internal sealed class RevocationStore(AuthDbContext db, JwtSettings jwt, TimeProvider clock, LocalDenylist local, RedisDenylist? redis = null)
{
    /// <summary>A revoked access token (by jti) or session (by sid), and until when its revocation matters.</summary>
    public sealed record Revocation(bool IsSession, string Id, DateTime Until);
    /// <summary>The database's revocation generation: how many revocations it has committed.</summary>
    public static Task<long> GenerationAsync(AuthDbContext db, CancellationToken cancellationToken) =>
        db.RevocationCounters.Where(c => c.Id == RevocationCounter.SingletonId).Select(c => c.Generation).SingleAsync(cancellationToken);

    public async Task RevokeAccessTokenAsync(string jti, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var generation = await InTransactionAsync(
            async () =>
            {
                if (await db.RevokedAccessTokens.AnyAsync(r => r.Jti == jti, cancellationToken))
                {
                    return (long?)null;
                }

                var next = await NextGenerationAsync(cancellationToken);
                db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = jti, ExpiresAt = expiresAt, RevokedAt = now, Generation = next });
                await db.SaveChangesAsync(cancellationToken);
                return next;
            });

        if (generation is { } committed)
        {
            local.DenyToken(jti, expiresAt + JwtSettings.ClockSkew);
            if (redis is not null)
            {
                await redis.DenyAsync(RedisDenylist.TokenKey(jti), expiresAt + JwtSettings.ClockSkew - now, committed);
            }
        }
    }

    /// <summary>Ends a session: its refresh tokens stop working and its access tokens fail validation.</summary>
    public async Task<bool> RevokeFamilyAsync(Guid familyId, string reason, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var generation = await InTransactionAsync(
            async () =>
            {
                var next = await NextGenerationAsync(cancellationToken);
                var revoked = await db.TokenFamilies
                    .Where(f => f.Id == familyId && f.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.RevokedAt, now).SetProperty(f => f.RevokedReason, reason).SetProperty(f => f.RevokedGeneration, next), cancellationToken);
                return revoked > 0 ? next : (long?)null;
            });

        if (generation is { } committed)
        {
            local.DenySession(familyId.ToString("N"), now + jwt.AccessTokenLifetime + JwtSettings.ClockSkew);
            if (redis is not null)
            {
                await redis.DenyAsync(RedisDenylist.SessionKey(familyId.ToString("N")), jwt.AccessTokenLifetime + JwtSettings.ClockSkew, committed);
            }
        }

        return generation is not null;
    }

    public async Task<bool> IsRevokedAsync(string? jti, string? sid, CancellationToken cancellationToken)
    {
        if (local.IsDenied(jti, sid) is { } knownHere)
        {
            return knownHere;
        }

        if (redis is not null && await redis.IsDeniedAsync(jti, sid, await GenerationAsync(db, cancellationToken), cancellationToken) is { } known)
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

    /// <summary>
    /// The revocations that still matter (their tokens could still be valid) with a generation above
    /// <paramref name="after"/>; every one of them when <paramref name="after"/> is null.
    /// </summary>
    public static async Task<List<Revocation>> LiveSinceAsync(AuthDbContext db, long? after, DateTime now, JwtSettings jwt, CancellationToken cancellationToken)
    {
        var sessionWindow = jwt.AccessTokenLifetime + JwtSettings.ClockSkew;
        var since = now - sessionWindow;
        var above = after ?? long.MinValue;
        var tokens = await db.RevokedAccessTokens.Where(r => r.ExpiresAt > since && r.Generation > above).Select(r => new { r.Jti, r.ExpiresAt }).ToListAsync(cancellationToken);
        var sessions = await db.TokenFamilies.Where(f => f.RevokedAt != null && f.RevokedAt > since && (after == null || f.RevokedGeneration > above))
            .Select(f => new { f.Id, f.RevokedAt }).ToListAsync(cancellationToken);
        return
        [
            .. tokens.Select(t => new Revocation(false, t.Jti, t.ExpiresAt + JwtSettings.ClockSkew)),
            .. sessions.Select(s => new Revocation(true, s.Id.ToString("N"), s.RevokedAt!.Value + sessionWindow)),
        ];
    }

    /// <summary>
    /// Raises the counter within the caller's transaction and answers the new value. The row stays locked until the
    /// transaction ends, so generations are committed in their order.
    /// </summary>
    private async Task<long> NextGenerationAsync(CancellationToken cancellationToken)
    {
        await db.RevocationCounters.Where(c => c.Id == RevocationCounter.SingletonId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Generation, c => c.Generation + 1), cancellationToken);
        return await GenerationAsync(db, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own (retried whole on a transient failure), or in the
    /// caller's when there is one. A conflict (the same revocation made at the same moment by another request) rolls
    /// back and answers null: the revocation is there, which is all that matters.
    /// </summary>
    private async Task<long?> InTransactionAsync(Func<Task<long?>> work)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                var result = await work();
                await transaction.CommitAsync();
                return result;
            }
            catch (DbUpdateException e) when (e.InnerException is not System.Data.Common.DbException { IsTransient: true })
            {
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                return null;
            }
        });
    }
}
