using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Shared.Platform.Persistence;
using StackExchange.Redis;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Runtime flag values in the shared database. Every instance keeps a snapshot that it refreshes every
/// <see cref="PollInterval"/>, and at once when another instance announces a change on Redis, so a toggle takes
/// effect everywhere within seconds and no flag read ever waits for the database.
/// </summary>
internal sealed partial class DatabaseFlagOverrideStore(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseFlagOverrideStore> logger, IConnectionMultiplexer? redis = null)
    : BackgroundService, IFlagOverrideStore
{
    public const string ChangesChannel = "repitbot:flags:changed";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int MaxWriteAttempts = 3;

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile IReadOnlyDictionary<string, FlagOverride>? snapshot;

    public async ValueTask<IReadOnlyDictionary<string, FlagOverride>> CurrentAsync(CancellationToken cancellationToken) =>
        snapshot ?? await RefreshAsync(cancellationToken);

    public async Task SetAsync(string flag, bool? enabled, string changedBy, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(flag, enabled, changedBy, cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < MaxWriteAttempts)
            {
                // Another instance (or request) set or reset the same flag between our read and our write: the row we
                // meant to add now exists, or the one we meant to remove is gone. Read it again and write on top.
            }
        }

        LogChanged(logger, flag, enabled?.ToString() ?? "default", changedBy);
        await RefreshAsync(cancellationToken);
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(ChangesChannel), flag);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The other instances still see the change at their next poll.
                LogPublishFailed(logger, e.GetType().Name);
            }
        }
    }

    private async Task WriteAsync(string flag, bool? enabled, string changedBy, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FlagsDbContext>();
        var now = UtcTimestamps.Now(clock);
        var row = await db.Overrides.FirstOrDefaultAsync(f => f.Name == flag, cancellationToken);
        if (enabled is { } value)
        {
            row ??= db.Overrides.Add(new FlagOverrideRow { Name = flag }).Entity;
            (row.Enabled, row.ChangedBy, row.ChangedAt) = (value, changedBy, now);
        }
        else if (row is not null)
        {
            db.Overrides.Remove(row);
        }

        db.Changes.Add(new FlagChangeRow { Name = flag, Enabled = enabled, ChangedBy = changedBy, ChangedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(ChangesChannel), (_, _) => _ = RefreshQuietlyAsync(stoppingToken));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogPublishFailed(logger, e.GetType().Name);
            }
        }

        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            await RefreshQuietlyAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep serving the last known values; the next poll tries again.
            LogRefreshFailed(logger, e.GetType().Name);
        }
    }

    private async Task<IReadOnlyDictionary<string, FlagOverride>> RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FlagsDbContext>();
            var rows = await db.Overrides.AsNoTracking().ToListAsync(cancellationToken);
            var fresh = rows.ToDictionary(r => r.Name, r => new FlagOverride(r.Enabled, r.ChangedBy, r.ChangedAt), StringComparer.Ordinal);
            snapshot = fresh;
            return fresh;
        }
        finally
        {
            refreshing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment flag {Flag} set to {Value} by {ChangedBy}")]
    private static partial void LogChanged(ILogger logger, string flag, string value, string changedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not use Redis for flag changes ({Error}); other instances see changes at their next poll")]
    private static partial void LogPublishFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the deployment flags ({Error}); keeping the last values")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
