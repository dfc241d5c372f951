using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Bot.Monitoring;
using RepitBot.Modules.Bot.State;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.Enums;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>
/// Long polling (the default): getUpdates in a loop, each update handed to the <see cref="UpdateQueue"/>. Only the
/// instance holding the polling lock (in Redis, per bot) polls; another says so and waits, instead of fighting over
/// getUpdates, and takes over when the lock is free. The holder renews the lock every <see cref="LockRenewal"/>, not
/// before every getUpdates: under load a poll returns after each few updates, and a renewal is a Redis transaction.
/// </summary>
internal sealed partial class PollingService(
    IServiceScopeFactory scopes,
    BotSettings settings,
    IBotStateStore store,
    UpdateQueue queue,
    BotRuntimeState runtime,
    BotMetrics metrics,
    TimeProvider clock,
    ILogger<PollingService> logger) : BackgroundService
{
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long the lock, once taken or renewed, is relied on without asking Redis again: a poll that starts just
    /// before it is due lasts at most TELEGRAM_POLL_TIMEOUT_SECONDS (50 at most), so the lock is renewed well inside
    /// its lifetime.
    /// </summary>
    private static readonly TimeSpan LockRenewal = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan LockRetry = TimeSpan.FromSeconds(5);
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];
    private readonly string owner = Guid.NewGuid().ToString("N");

    private string LockKey => "polling:" + settings.BotId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
        int? offset = null;
        var failures = 0;
        long? heldSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (heldSince is null || clock.GetElapsedTime(heldSince.Value) >= LockRenewal)
                {
                    heldSince = null;
                    var asked = clock.GetTimestamp();
                    if (await store.HoldLockAsync(LockKey, owner, LockLifetime, stoppingToken))
                    {
                        heldSince = asked;
                    }
                }

                if (heldSince is null)
                {
                    if (runtime.Mode != "waiting: another instance polls this token")
                    {
                        runtime.WaitingForPollingLock();
                        LogWaiting(logger);
                    }

                    await Task.Delay(LockRetry, stoppingToken);
                    continue;
                }

                if (runtime.Mode != "polling")
                {
                    // A webhook left by an earlier deployment would make getUpdates fail with 409.
                    await bot.DeleteWebhook(cancellationToken: stoppingToken);
                    runtime.Polling();
                    LogPolling(logger, settings.ApiBaseUrl);
                }

                var updates = await bot.GetUpdates(offset, 100, settings.PollTimeoutSeconds, Wanted, stoppingToken);
                foreach (var update in updates)
                {
                    queue.Enqueue(update, stoppingToken);
                    offset = update.Id + 1;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (e is ApiRequestException api)
                {
                    metrics.ApiErrors.WithLabels(api.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
                }

                failures++;
                heldSince = null; // after a failure and its wait, Redis is asked again before the next poll
                LogPollFailed(logger, e.GetType().Name, e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        try
        {
            await store.ReleaseLockAsync(LockKey, owner, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPollFailed(logger, e.GetType().Name, "releasing the polling lock: " + e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot polls for updates at {ApiBaseUrl}")]
    private static partial void LogPolling(ILogger logger, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram bot waits: another instance polls this bot's updates (the polling lock in Redis is held)")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram polling failed ({Type}): {Message}")]
    private static partial void LogPollFailed(ILogger logger, string type, string message);
}
