using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using global::Telegram.Bot;
using global::Telegram.Bot.Types.Enums;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>Webhook mode: tells Telegram where to POST updates, with the secret it must send back; tries until it succeeds.</summary>
internal sealed partial class WebhookRegistration(IServiceScopeFactory scopes, BotSettings settings, BotRuntimeState runtime, ILogger<WebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                await bot.SetWebhook(settings.WebhookUrl!.ToString(), allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery], secretToken: settings.WebhookSecret, cancellationToken: stoppingToken);
                runtime.Webhook();
                LogSet(logger, settings.WebhookUrl.GetLeftPart(UriPartial.Path));
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot receives updates by webhook at {Url}")]
    private static partial void LogSet(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting the Telegram webhook failed ({Type}): {Message}")]
    private static partial void LogFailed(ILogger logger, string type, string message);
}
