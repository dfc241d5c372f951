using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace RepitBot.Bench.EchoBot;

/// <summary>
/// Long polling, and each text sent straight back. Updates are answered side by side, at most as many at once as the
/// bot handles chats in parallel, so the baseline is not slowed by a wait the bot does not have.
/// </summary>
internal sealed class EchoService(IServiceScopeFactory scopes, int parallel) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message];
    private readonly SemaphoreSlim slots = new(parallel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
        int? offset = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, 25, Wanted, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or Telegram.Bot.Exceptions.RequestException)
            {
                // The Bot API server is not up yet (the load tool starts it): try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
                continue;
            }

            foreach (var update in updates)
            {
                offset = update.Id + 1;
                if (update.Message is { Text: { } text } message)
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = EchoAsync(bot, message.Chat.Id, text, stoppingToken);
                }
            }
        }
    }

    private async Task EchoAsync(ITelegramBotClient bot, long chatId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await bot.SendMessage(chatId, text, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Telegram.Bot.Exceptions.RequestException or OperationCanceledException)
        {
            // A lost echo shows as a timeout in the load tool's count; nothing to do here.
        }
        finally
        {
            slots.Release();
        }
    }
}
