using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Security;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Keeps the <see cref="LocalDenylist"/> current: every <see cref="AuthSettings.RevocationRefreshInterval"/> it reads the
/// database's revocation generation (one primary-key read per process, not one per request) and copies the
/// revocations above the one it holds; with Redis, it also takes each revocation announced by another process as it
/// comes. Without a successful read for <see cref="LocalDenylist.MaxStaleness"/>, the copy stops vouching for tokens.
/// </summary>
internal sealed partial class LocalDenylistRefresher(
    LocalDenylist local, IServiceScopeFactory scopes, JwtSettings jwt, AuthSettings settings, TimeProvider clock, ILogger<LocalDenylistRefresher> logger, RedisDenylist? redis = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribing waits for Redis, which may be down: the database's generation keeps the copy current meanwhile.
        var subscribing = redis is null ? Task.CompletedTask : SubscribeAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = settings.RevocationRefreshInterval;
            try
            {
                await RefreshAsync(stoppingToken);
                local.Prune();
            }
            catch (Exception e) when (e is TimeoutException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // Soon again: until a read succeeds, every token check takes the slow way.
                LogRefreshFailed(logger, e.GetType().Name);
                next = TimeSpan.FromSeconds(Math.Min(1, next.TotalSeconds));
            }

            await Task.Delay(next, stoppingToken);
        }

        await subscribing;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var startedAt = local.Timestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();

        // The generation is read before the revocations: every revocation up to it is then among them.
        var databaseGeneration = await RevocationStore.GenerationAsync(db, cancellationToken);
        var held = local.Generation;
        if (held is null || held < databaseGeneration)
        {
            foreach (var revocation in await RevocationStore.LiveSinceAsync(db, held, clock.GetUtcNow().UtcDateTime, jwt, cancellationToken))
            {
                Deny(revocation.IsSession, revocation.Id, revocation.Until);
            }
        }

        local.Confirm(databaseGeneration, startedAt);
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        // Retried until it works: until then the database's generation alone keeps the copy current, a second late.
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await redis!.SubscribeAsync((isSession, id, ttl) => Deny(isSession, id, clock.GetUtcNow().UtcDateTime + ttl));
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogSubscribeFailed(logger, e.GetType().Name);
                await Task.WhenAny(Task.Delay(settings.RevocationRefreshInterval, cancellationToken));
            }
        }
    }

    private void Deny(bool isSession, string id, DateTime until)
    {
        if (isSession)
        {
            local.DenySession(id, until);
        }
        else
        {
            local.DenyToken(id, until);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the revocations from the database ({Error}); token checks take the slow way until it answers")]
    private static partial void LogRefreshFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to revocations on Redis ({Error}); other processes' revocations arrive with the database's generation")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);
}
