using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Keeps the <see cref="LocalDenylist"/> current: every <see cref="AuthSettings.RevocationRefreshInterval"/> it reads the
/// revocation generation from its <see cref="IRevocationSource"/> (the database's, one primary-key read per process, not
/// one per request; or the Auth Service's feed) and copies the revocations above the one it holds; with Redis, it also
/// takes each revocation announced by another process as it comes. Without a successful read for
/// <see cref="LocalDenylist.MaxStaleness"/>, the copy stops vouching for tokens.
/// </summary>
internal sealed partial class LocalDenylistRefresher(
    LocalDenylist local, IRevocationSource source, AuthSettings settings, TimeProvider clock, ILogger<LocalDenylistRefresher> logger, RedisDenylist? redis = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribing waits for Redis, which may be down: the source's generation keeps the copy current meanwhile.
        var subscribing = redis is null ? Task.CompletedTask : SubscribeAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = settings.RevocationRefreshInterval;
            string? failure;
            try
            {
                failure = await RefreshAsync(stoppingToken) ? null : "no answer";
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong, the copy only stops vouching in time; it never stops the host.
                failure = e.GetType().Name;
            }

            if (failure is null)
            {
                local.Prune();
            }
            else
            {
                // Soon again: until a read succeeds, every token check takes the slow way.
                LogRefreshFailed(logger, failure);
                next = TimeSpan.FromSeconds(Math.Min(1, next.TotalSeconds));
            }

            await Task.Delay(next, stoppingToken);
        }

        await subscribing;
    }

    /// <summary>Copies what is new from the source; false when the source did not answer.</summary>
    internal async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var startedAt = local.Timestamp();
        var held = local.Generation;

        // The source reads the generation before the revocations: every revocation up to it is then among them.
        if (await source.ReadAsync(held, cancellationToken) is not { } feed)
        {
            return false;
        }

        var wentBack = feed.Generation < held;
        if (wentBack)
        {
            // The database counts revocations from a lower generation than the copy holds (it was restored, say): what
            // it holds above that number now is not what the copy holds, so every live revocation is read again.
            LogGenerationWentBack(logger, held!.Value, feed.Generation);
            if (await source.ReadAsync(null, cancellationToken) is not { } all)
            {
                return false;
            }

            feed = all;
        }

        foreach (var revocation in feed.Revocations)
        {
            Deny(revocation.Session, revocation.Id, revocation.Until.UtcDateTime);
        }

        if (wentBack)
        {
            local.Restart(feed.Generation, startedAt);
        }
        else
        {
            local.Confirm(feed.Generation, startedAt);
        }

        return true;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the revocations ({Error}); token checks take the slow way until they can be read")]
    private static partial void LogRefreshFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation generation went back from {Held} to {Read} (a restored database?); every live revocation is read again")]
    private static partial void LogGenerationWentBack(ILogger logger, long held, long read);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to revocations on Redis ({Error}); other processes' revocations arrive with the database's generation")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);
}
