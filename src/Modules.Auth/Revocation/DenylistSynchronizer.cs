using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Security;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Brings Redis up to the database's revocation generation: copies every live revocation when Redis holds none (first
/// start, Redis restarted or flushed), and the revocations it lacks when it is behind (a failed write, a restore).
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
                await SynchronizeAsync(stoppingToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogSyncFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();

        // The database's generation is read before its revocations: every revocation up to it is then among them.
        var databaseGeneration = await RevocationStore.GenerationAsync(db, cancellationToken);
        var held = await denylist.GenerationAsync(cancellationToken);
        if (held >= databaseGeneration)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var revocations = await RevocationStore.LiveSinceAsync(db, held, now, jwt, cancellationToken);
        var entries = revocations.Select(r => (r.IsSession ? RedisDenylist.SessionKey(r.Id) : RedisDenylist.TokenKey(r.Id), r.Until - now));
        await denylist.LoadAsync(entries, databaseGeneration, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the Redis denylist up to date ({Error}); checks use the database meanwhile")]
    private static partial void LogSyncFailed(ILogger logger, string error);
}
