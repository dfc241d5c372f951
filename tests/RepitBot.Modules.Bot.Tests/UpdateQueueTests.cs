using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using RepitBot.Modules.Bot.Monitoring;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Platform.Monitoring;
using Telegram.Bot;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The queue runs one chat's updates in order, other chats beside them, and no more chats at once than allowed.</summary>
public sealed class UpdateQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Given_a_chat_whose_first_update_is_still_running_Then_its_next_waits_while_another_chat_goes_ahead()
    {
        // Arrange: chat 100's first update is held
        var handler = new HeldHandler();
        handler.Hold(1);
        var queue = NewQueue(handler, maxParallelChats: 4);

        // Act
        queue.Enqueue(TextIn(1, chat: 100), CancellationToken.None);
        queue.Enqueue(TextIn(2, chat: 100), CancellationToken.None);
        queue.Enqueue(TextIn(3, chat: 200), CancellationToken.None);
        await handler.Ended(3).WaitAsync(Deadline);

        // Assert: another chat finished while chat 100's first runs and its second has not begun
        Assert.True(handler.HasStarted(1));
        Assert.False(handler.HasStarted(2));
        handler.Release(1);
        await handler.Ended(2).WaitAsync(Deadline);
        Assert.Equal(["start 1", "end 1", "start 2", "end 2"], handler.Events.Where(e => !e.EndsWith(" 3", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Given_as_many_chats_running_as_allowed_Then_another_chat_waits_for_a_free_place()
    {
        // Arrange
        var handler = new HeldHandler();
        handler.Hold(1);
        handler.Hold(2);
        var queue = NewQueue(handler, maxParallelChats: 2);

        // Act
        queue.Enqueue(TextIn(1, chat: 100), CancellationToken.None);
        queue.Enqueue(TextIn(2, chat: 200), CancellationToken.None);
        await Task.WhenAll(handler.Started(1), handler.Started(2)).WaitAsync(Deadline);
        queue.Enqueue(TextIn(3, chat: 300), CancellationToken.None);

        // Assert: the third chat starts only once one of the two ends, and nothing is lost
        Assert.False(handler.HasStarted(3));
        handler.Release(1);
        await handler.Ended(3).WaitAsync(Deadline);
        Assert.False(handler.Ended(2).IsCompleted);
        handler.Release(2);
        await queue.DrainAsync().WaitAsync(Deadline);
        Assert.Equal(3, handler.Events.Count(e => e.StartsWith("end", StringComparison.Ordinal)));
    }

    private static UpdateQueue NewQueue(HeldHandler handler, int maxParallelChats)
    {
        var services = new ServiceCollection()
            .AddScoped<IUpdateHandler>(_ => handler)
            .AddSingleton<ITelegramBotClient>(new TelegramBotClient("1:queue-test-token"))
            .BuildServiceProvider();
        var settings = new BotSettings("1:queue-test-token", BotSettings.DefaultApiBaseUrl, null, null, maxParallelChats, TimeSpan.FromMinutes(1), 30, 1, 1, null);
        var metrics = new BotMetrics(new ModuleMetrics(Metrics.NewCustomRegistry()));
        return new UpdateQueue(services.GetRequiredService<IServiceScopeFactory>(), settings, metrics, NullLogger<UpdateQueue>.Instance);
    }

    private static Update TextIn(int id, long chat) => new()
    {
        Id = id,
        Message = new Message { Id = id, Chat = new Chat { Id = chat, Type = ChatType.Private }, From = new User { Id = chat, FirstName = "Test" }, Text = "text" },
    };

    /// <summary>Records when each update starts and ends; a held update runs until released.</summary>
    private sealed class HeldHandler : IUpdateHandler
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> holds = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> started = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> ended = new();
        private readonly ConcurrentQueue<string> events = new();

        public IReadOnlyList<string> Events => [.. events];

        public void Hold(int updateId) => holds[updateId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(int updateId) => holds[updateId].SetResult();

        public bool HasStarted(int updateId) => Started(updateId).IsCompleted;

        public Task Started(int updateId) => Signal(started, updateId).Task;

        public Task Ended(int updateId) => Signal(ended, updateId).Task;

        public async Task HandleUpdateAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken)
        {
            events.Enqueue($"start {update.Id}");
            Signal(started, update.Id).SetResult();
            if (holds.TryGetValue(update.Id, out var hold))
            {
                await hold.Task;
            }

            events.Enqueue($"end {update.Id}");
            Signal(ended, update.Id).SetResult();
        }

        public Task HandleErrorAsync(ITelegramBotClient botClient, Exception exception, HandleErrorSource source, CancellationToken cancellationToken) => Task.CompletedTask;

        private static TaskCompletionSource Signal(ConcurrentDictionary<int, TaskCompletionSource> signals, int updateId) =>
            signals.GetOrAdd(updateId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
