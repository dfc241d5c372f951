using RepitBot.BotApiServer;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// The host (role all) running the bot against a local Bot API server, with Users and Auth on real PostgreSQL and the
/// bot's state in a real Redis. Tests talk to the bot as people through <see cref="ChatDriver"/>s; each test makes its
/// own people (fresh Telegram ids), so tests of one class do not see each other's chats.
/// </summary>
public class BotHost : IAsyncLifetime
{
    public const string Token = "7000000001:TEST-bot-token_for-tests";
    private static long nextTelegramId = 5_000_000 + (Environment.ProcessId % 1000) * 10_000;
    private RepitBotFactory? factory;
    private Dictionary<string, string?> settings = [];

    public RepitBotFactory Factory => factory ?? throw new InvalidOperationException("Not started.");

    public LocalBotApiServer Server { get; private set; } = null!;

    public LocalBot Bot => Server.Api.Bot(Token);

    public RedisServer? Redis { get; private set; }

    protected virtual bool UseRedis => true;

    protected virtual Dictionary<string, string?> ExtraSettings => [];

    /// <summary>Whether the host listens on a real port (Kestrel), for what must reach it over the network (a webhook).</summary>
    protected virtual bool ListensOnKestrel => false;

    /// <summary>Settings of a subclass that starts more (service processes), given the ones the host will get.</summary>
    protected virtual Task<Dictionary<string, string?>> ServiceSettingsAsync(Dictionary<string, string?> settings) => Task.FromResult(settings);

    public ChatDriver NewPerson(string firstName)
    {
        var id = Interlocked.Increment(ref nextTelegramId);
        return new ChatDriver(Bot, new LocalPerson(id, firstName));
    }

    /// <summary>A user made in process, as the operator's `admin create` would: its access code.</summary>
    public Task<UserWithAccessCode> CreateUserAsync(string fullName, string role) =>
        Factory.CreateUserAsync(fullName, Enum.Parse<UserRole>(role, ignoreCase: true));

    /// <summary>A person linked in the chat with their code, at their main menu.</summary>
    public async Task<ChatDriver> LinkedPersonAsync(string firstName, string code)
    {
        var chat = NewPerson(firstName);
        await chat.SendAsync("/start", "код доступа");
        await chat.SendAsync(code, "Добро пожаловать");
        return chat;
    }

    public async Task InitializeAsync()
    {
        Server = await LocalBotApiServer.StartAsync();
        var postgres = await PostgresServer.SharedAsync();
        var users = await postgres.CreateDatabaseAsync("bot_users");
        var auth = await postgres.CreateDatabaseAsync("bot_auth");
        settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(users),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(users),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(auth),
            ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "100000",
            ["TELEGRAM_BOT_TOKEN"] = Token,
            ["TELEGRAM_API_BASE_URL"] = Server.BaseUrl,
            ["TELEGRAM_POLL_TIMEOUT_SECONDS"] = "5",
            ["TELEGRAM_MAX_CHAT_MESSAGES_PER_SECOND"] = "20",
        };
        if (UseRedis)
        {
            Redis = await RedisServer.StartNewAsync();
            settings["REDIS_URL"] = Redis.Url;
        }

        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        settings = await ServiceSettingsAsync(settings);
        await StartHostAsync();
    }

    /// <summary>
    /// A second instance of the bot on the same token, stores and keys (as a second container would be); it starts with
    /// its first client. The caller disposes it.
    /// </summary>
    public RepitBotFactory NewInstance(Dictionary<string, string?>? overrides = null)
    {
        var instance = new RepitBotFactory(WithOverrides(overrides));
        using var client = instance.CreateClient();
        return instance;
    }

    /// <summary>Stops the host as a deployment would (the bot lets go of the polling lock), without starting another.</summary>
    public async Task StopAsync()
    {
        await Factory.DisposeAsync();
        factory = null;
    }

    /// <summary>Stops the host and starts a new one on the same stores and keys, with some settings changed.</summary>
    public async Task RestartAsync(Dictionary<string, string?> overrides)
    {
        await StopAsync();
        settings = WithOverrides(overrides);
        await StartHostAsync();
    }

    /// <summary>Stops the host as a deployment would, and starts a new one on the same stores and keys.</summary>
    public async Task RestartAsync()
    {
        await Factory.DisposeAsync();
        factory = null;
        await StartHostAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await Server.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }

    private Dictionary<string, string?> WithOverrides(Dictionary<string, string?>? overrides)
    {
        var changed = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in overrides ?? [])
        {
            changed[key] = value;
        }

        return changed;
    }

    private async Task StartHostAsync()
    {
        factory = new RepitBotFactory(settings);
        // The keys stay for a restart: tokens the bot keeps must still be valid after it.
        settings["JWT_SECRET_KEY"] = factory.JwtKey;
        foreach (var (key, value) in factory.Settings.Where(setting => TestSecrets.ServiceKeySettings.Values.Contains(setting.Key)))
        {
            settings[key] = value;
        }

        if (ListensOnKestrel)
        {
            factory.UseKestrel();
            factory.StartServer();
        }

        // The first client starts the host, and with it the bot's polling.
        using var client = factory.CreateClient();
        await Task.CompletedTask;
    }
}

/// <summary>The same host without Redis: sessions and dialogues in process.</summary>
public sealed class BotHostWithoutRedis : BotHost
{
    protected override bool UseRedis => false;
}

/// <summary>The host in webhook mode on a real port: the local Bot API server POSTs updates to it with the secret.</summary>
public sealed class WebhookBotHost : BotHost
{
    public const string Secret = "webhook-secret-for-tests_0123";
    private readonly int port = FreePort.Next();

    public Uri WebhookUrl => new($"http://127.0.0.1:{port}/telegram/webhook");

    protected override bool ListensOnKestrel => true;

    protected override Dictionary<string, string?> ExtraSettings => new()
    {
        ["urls"] = $"http://127.0.0.1:{port}",
        ["TELEGRAM_WEBHOOK_URL"] = WebhookUrl.ToString(),
        ["TELEGRAM_WEBHOOK_SECRET"] = Secret,
    };
}

/// <summary>
/// The bot in a host whose Users and Auth are real remote processes (microservices mode, no fallback): every call the
/// bot makes for a person crosses the Refit clients with the person's own token.
/// </summary>
public sealed class RemoteBotHost : BotHost
{
    private SplitDeployment? services;

    public SplitDeployment Services => services ?? throw new InvalidOperationException("Not started.");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    protected override async Task<Dictionary<string, string?>> ServiceSettingsAsync(Dictionary<string, string?> settings)
    {
        var shared = new Dictionary<string, string?>(settings)
        {
            ["REMOTE_CALL_TIMEOUT_SECONDS"] = "60",
            ["CIRCUIT_FAILURES_BEFORE_OPEN"] = "1000",
        };
        foreach (var botSetting in shared.Keys.Where(key => key.StartsWith("TELEGRAM_", StringComparison.Ordinal)).ToList())
        {
            // Only the host in process runs the bot: the services must not poll the same token.
            shared.Remove(botSetting);
        }

        services = await SplitDeployment.StartAsync(shared, [DeploymentRole.Users, DeploymentRole.Auth]);
        var host = new Dictionary<string, string?>(services.Settings)
        {
            ["ENABLE_MICROSERVICES"] = "true",
            ["FALLBACK_TO_MONOLITH"] = "false",
        };
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("TELEGRAM_", StringComparison.Ordinal)))
        {
            host[key] = value;
        }

        return host;
    }
}
