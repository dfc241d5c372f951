using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Bot;

/// <summary>
/// The Telegram bot module's one public entry. The bot itself lands with the bot issue; until then, and whenever
/// TELEGRAM_BOT_TOKEN is not set, the module says in one log line that the bot is off.
/// </summary>
public static partial class BotModule
{
    public const string TelegramBotTokenSetting = "TELEGRAM_BOT_TOKEN";

    /// <summary>Who the bot is when it calls Auth (Telegram link and login) and, for its bearer checks, introspection.</summary>
    public static ServiceIdentity Identity { get; } = new(ServiceNames.Bot, "BOT_SERVICE_KEY");

    public static IServiceCollection AddBotModule(this IServiceCollection services, IConfiguration configuration)
    {
        var token = SettingReader.String(configuration, TelegramBotTokenSetting);
        services.AddHostedService(provider => new BotStatusAnnouncer(token is not null, provider.GetRequiredService<ILogger<BotStatusAnnouncer>>()));
        return services;
    }

    internal sealed partial class BotStatusAnnouncer(bool hasToken, ILogger<BotStatusAnnouncer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (hasToken)
            {
                LogNotYetAvailable(logger);
            }
            else
            {
                LogOff(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot is off: TELEGRAM_BOT_TOKEN is not set")]
        private static partial void LogOff(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram bot is off: this build has no bot module yet (TELEGRAM_BOT_TOKEN is set but unused)")]
        private static partial void LogNotYetAvailable(ILogger logger);
    }
}
