using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Security;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Keeps Redis able to answer revocation checks: copies the denylist from the database when the marker is missing
/// (first start, Redis restarted or flushed) and retries revocations whose Redis write failed.
/// </summary>
internal sealed partial class DenylistSynchronizer(RedisDenylist denylist, IServiceScopeFactory scopes, JwtSettings jwt, TimeProvider clock, ILogger<DenylistSynchronizer> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await denylist.FlushPendingAsync(stoppingToken);
                if (!await denylist.IsReadyAsync(stoppingToken))
                {
                    await denylist.LoadAsync(await LiveRevocationsAsync(stoppingToken), stoppingToken);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogSyncFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<List<(RedisKey, TimeSpan)>> LiveRevocationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var sessionWindow = jwt.AccessTokenLifetime + JwtSettings.ClockSkew;
        var since = now - sessionWindow;
        var tokens = await db.RevokedAccessTokens.Where(r => r.ExpiresAt > since).Select(r => new { r.Jti, r.ExpiresAt }).ToListAsync(cancellationToken);
        var sessions = await db.TokenFamilies.Where(f => f.RevokedAt != null && f.RevokedAt > since).Select(f => new { f.Id, f.RevokedAt }).ToListAsync(cancellationToken);
        return
        [
            .. tokens.Select(t => (RedisDenylist.TokenKey(t.Jti), t.ExpiresAt + JwtSettings.ClockSkew - now)),
            .. sessions.Select(s => (RedisDenylist.SessionKey(s.Id.ToString("N")), s.RevokedAt!.Value + sessionWindow - now)),
        ];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the Redis denylist up to date ({Error}); checks use the database meanwhile")]
    private static partial void LogSyncFailed(ILogger logger, string error);
}
