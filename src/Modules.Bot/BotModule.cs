using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Bot.Monitoring;
using RepitBot.Modules.Bot.Screens;
using RepitBot.Modules.Bot.Sessions;
using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Telegram;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;
using global::Telegram.Bot;
using global::Telegram.Bot.Polling;

namespace RepitBot.Modules.Bot;

/// <summary>
/// The Telegram bot module's one public entry. With TELEGRAM_BOT_TOKEN set, the bot receives updates (long polling, or
/// a webhook with TELEGRAM_WEBHOOK_URL) and acts for each person through the Users and Auth contracts, in process or
/// remote alike. Without it, the module says in one log line that the bot is off.
/// </summary>
public static partial class BotModule
{
    public const string TelegramBotTokenSetting = "TELEGRAM_BOT_TOKEN";
    public const string TelegramApiBaseUrlSetting = "TELEGRAM_API_BASE_URL";
    public const string TelegramWebhookUrlSetting = "TELEGRAM_WEBHOOK_URL";
    public const string TelegramWebhookSecretSetting = "TELEGRAM_WEBHOOK_SECRET";
    public const string MaxParallelChatsSetting = "TELEGRAM_MAX_PARALLEL_CHATS";
    public const string DialogueLifetimeSecondsSetting = "TELEGRAM_DIALOGUE_TTL_SECONDS";
    public const string MessagesPerSecondSetting = "TELEGRAM_MAX_MESSAGES_PER_SECOND";
    public const string ChatMessagesPerSecondSetting = "TELEGRAM_MAX_CHAT_MESSAGES_PER_SECOND";
    public const string PollTimeoutSecondsSetting = "TELEGRAM_POLL_TIMEOUT_SECONDS";

    /// <summary>The key sealing the tokens the bot keeps; without it, one derived from the bot's own service key.</summary>
    public const string BotStateKeySetting = "BOT_STATE_KEY";

    /// <summary>The named HTTP client of the Bot API: no resilience handler, whose timeouts would cut long polls.</summary>
    private const string HttpClientName = "telegram-bot-api";

    /// <summary>Who the bot is when it calls Auth (Telegram link and login) and, for its bearer checks, introspection.</summary>
    public static ServiceIdentity Identity { get; } = new(ServiceNames.Bot, "BOT_SERVICE_KEY");

    public static IServiceCollection AddBotModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = BotSettings.Load(configuration);
        services.AddHostedService(provider => new BotStatusAnnouncer(settings is not null, provider.GetRequiredService<ILogger<BotStatusAnnouncer>>()));
        if (settings is null)
        {
            return services;
        }

        services.AddSingleton(settings);
        services.AddHttpClient(HttpClientName)
            // The token is part of every Bot API URL (/bot<token>/method): the factory's request logging would print it.
            .RemoveAllLoggers()
            // The client's own 429 retries are off: BotSender waits out retry_after itself, counted and logged.
            .AddTypedClient<ITelegramBotClient>((http, _) => new TelegramBotClient(new TelegramBotClientOptions(settings.Token, settings.ApiBaseUrl) { RetryCount = 0 }, http));

        if (SettingReader.String(configuration, SettingNames.RedisUrl) is not null)
        {
            services.AddSingleton<IBotStateStore, RedisBotStateStore>();
        }
        else
        {
            services.AddSingleton<IBotStateStore, InMemoryBotStateStore>();
        }

        services.AddSingleton<BotMetrics>();
        services.AddSingleton<BotSecrets>();
        services.AddSingleton<RememberedSessions>();
        services.AddSingleton<ActiveDialogues>();
        services.AddSingleton<OutgoingRateLimits>();
        services.AddSingleton<BotRuntimeState>();
        services.AddSingleton<UpdateQueue>();
        services.AddScoped<BotSender>();
        services.AddScoped<PersonSessions>();
        services.AddScoped<DialogueStore>();
        services.AddScoped<Conversation>();
        services.AddScoped<IUpdateHandler, UpdateHandler>();
        services.AddScoped<StartScreen>();
        services.AddScoped<MenuScreen>();
        services.AddScoped<LogoutScreen>();
        services.AddScoped<ProfileScreen>();
        services.AddScoped<UserListScreen>();
        services.AddScoped<UserCardScreen>();
        services.AddScoped<RenameDialogue>();
        services.AddScoped<AddParentDialogue>();
        services.AddScoped<AddStudentDialogue>();
        services.AddScoped<AddTutorDialogue>();
        services.AddScoped<FlagsScreen>();
        services.AddScoped<StatusScreen>();

        if (settings.UsesWebhook)
        {
            services.AddHostedService<WebhookRegistration>();
        }
        else
        {
            services.AddHostedService<PollingService>();
        }

        services.AddHealthChecks().AddCheck<TelegramHealthCheck>(TelegramHealthCheck.Name, HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>The webhook endpoint, at the path of TELEGRAM_WEBHOOK_URL, when the bot runs in webhook mode.</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<BotSettings>() is { UsesWebhook: true } settings)
        {
            WebhookEndpoint.Map(endpoints, settings);
        }

        return endpoints;
    }

    internal sealed partial class BotStatusAnnouncer(bool hasToken, ILogger<BotStatusAnnouncer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!hasToken)
            {
                LogOff(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot is off: TELEGRAM_BOT_TOKEN is not set")]
        private static partial void LogOff(ILogger logger);
    }
}
