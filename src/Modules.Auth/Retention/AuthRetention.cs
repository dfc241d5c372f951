using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Retention;

/// <summary>
/// Removes on a schedule what no longer matters: sessions past their absolute expiry with their refresh tokens,
/// sessions revoked longer ago than an access token lives (nothing they issued still works), revoked access tokens past
/// their expiry, and audit rows older than <see cref="AuthSettings.AuditRetentionTime"/>. Runs at start, then every
/// <see cref="AuthSettings.RetentionEvery"/> (on real time; the cutoffs are on the module's clock). Each run deletes in
/// statements of their own, so instances running it at once only repeat each other's work.
/// </summary>
internal sealed partial class AuthRetention(IServiceScopeFactory scopes, AuthSettings settings, JwtSettings jwt, TimeProvider clock, ILogger<AuthRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.RetentionEvery);
        do
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = UtcTimestamps.Now(clock);
        var accessTokensGone = now - jwt.AccessTokenLifetime - JwtSettings.ClockSkew;
        var auditCutoff = now - settings.AuditRetentionTime;

        var refreshTokens = await db.RefreshTokens
            .Where(t => db.TokenFamilies.Any(f => f.Id == t.FamilyId && (f.ExpiresAt < now || f.RevokedAt < accessTokensGone)))
            .ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.TokenFamilies.Where(f => f.ExpiresAt < now || f.RevokedAt < accessTokensGone).ExecuteDeleteAsync(cancellationToken);
        var revokedTokens = await db.RevokedAccessTokens.Where(r => r.ExpiresAt < now - JwtSettings.ClockSkew).ExecuteDeleteAsync(cancellationToken);
        var auditRows = await db.AuditEvents.Where(a => a.OccurredAt < auditCutoff).ExecuteDeleteAsync(cancellationToken);
        if (refreshTokens + sessions + revokedTokens + auditRows > 0)
        {
            LogRemoved(logger, sessions, refreshTokens, revokedTokens, auditRows);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Sessions} ended sessions with {RefreshTokens} refresh tokens, {RevokedTokens} expired revocations and {AuditRows} old audit rows")]
    private static partial void LogRemoved(ILogger logger, int sessions, int refreshTokens, int revokedTokens, int auditRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not run ({Error}); it tries again at its next turn")]
    private static partial void LogFailed(ILogger logger, string error);
}
