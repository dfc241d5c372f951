using RepitBot.BotApiServer;

namespace RepitBot.Host.LocalChat;

/// <summary>
/// Prints where the local chat is at the start, right after the first admin's code (both run before the server
/// listens; this one is registered after the Users module), and stops the built-in Bot API server once the bot has
/// stopped. The URL holds no secret; the bot's token is never printed.
/// </summary>
internal sealed partial class LocalChatLifetime(LocalChatPlan plan, LocalBotApiServer server, ILogger<LocalChatLifetime> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        LogChat(logger, plan.ChatUrl);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await server.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Local chat: open {ChatUrl} and talk to the bot as any Telegram user (no TELEGRAM_BOT_TOKEN is set; the bot uses the built-in Bot API server)")]
    private static partial void LogChat(ILogger logger, string chatUrl);
}
