using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Bot.Monitoring;
using global::Telegram.Bot.Polling;
using global::Telegram.Bot.Types;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>
/// Runs updates as they arrive (by polling or webhook): one chat's updates one after another in arrival order,
/// different chats side by side, at most the configured number at once. Each update gets its own DI scope.
/// </summary>
internal sealed partial class UpdateQueue(IServiceScopeFactory scopes, BotSettings settings, BotMetrics metrics, ILogger<UpdateQueue> logger)
{
    private readonly object gate = new();
    private readonly Dictionary<long, Task> tails = [];
    private readonly SemaphoreSlim parallel = new(settings.MaxParallelChats);
    private int pending;

    public int Pending => Volatile.Read(ref pending);

    public void Enqueue(Update update, CancellationToken cancellationToken)
    {
        var chat = ChatOf(update);
        Interlocked.Increment(ref pending);
        metrics.QueuedUpdates.Set(Pending);
        lock (gate)
        {
            var previous = tails.GetValueOrDefault(chat) ?? Task.CompletedTask;
            var next = RunAfterAsync(previous, update, cancellationToken);
            tails[chat] = next;
            _ = next.ContinueWith(
                done =>
                {
                    lock (gate)
                    {
                        if (tails.TryGetValue(chat, out var tail) && tail == done)
                        {
                            tails.Remove(chat);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Waits until everything queued so far is handled (a stopping host lets the last updates finish).</summary>
    public Task DrainAsync()
    {
        lock (gate)
        {
            return Task.WhenAll(tails.Values);
        }
    }

    private async Task RunAfterAsync(Task previous, Update update, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false);
        var type = update.Type.ToString();
        try
        {
            await parallel.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref pending);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IUpdateHandler>();
            await handler.HandleUpdateAsync(scope.ServiceProvider.GetRequiredService<global::Telegram.Bot.ITelegramBotClient>(), update, cancellationToken);
            metrics.Updates.WithLabels(type, "ok").Inc();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.Updates.WithLabels(type, "cancelled").Inc();
        }
        catch (Exception e)
        {
            // The handler already told the person something went wrong; here it is counted and logged, never shown.
            metrics.Updates.WithLabels(type, "failed").Inc();
            LogFailed(logger, update.Id, type, e);
        }
        finally
        {
            metrics.HandlerSeconds.WithLabels(type).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            parallel.Release();
            Interlocked.Decrement(ref pending);
            metrics.QueuedUpdates.Set(Pending);
        }
    }

    private static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    [LoggerMessage(Level = LogLevel.Error, Message = "Update {UpdateId} ({Type}) failed")]
    private static partial void LogFailed(ILogger logger, int updateId, string type, Exception exception);
}
