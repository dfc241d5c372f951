using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepitBot.BotApiServer;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// The guide's split deployment in real processes: the User Service, the Auth Service and the bot in role bot, in hybrid
/// mode, the bot given the services' own databases (its in-process fallback), against a local Bot API server.
/// </summary>
public sealed class BotRoleDeployment : IAsyncLifetime
{
    private long nextTelegramId = 7_000_000 + (Environment.ProcessId % 1000) * 10_000;

    public SplitDeployment Services { get; private set; } = null!;

    public LocalBotApiServer Server { get; private set; } = null!;

    public ChatDriver NewPerson(string firstName) =>
        new(Server.Api.Bot(BotHost.Token), new LocalPerson(Interlocked.Increment(ref nextTelegramId), firstName));

    public async Task InitializeAsync()
    {
        Server = await LocalBotApiServer.StartAsync();
        var postgres = await PostgresServer.SharedAsync();
        var users = await postgres.CreateDatabaseAsync("botrole_users");
        var auth = await postgres.CreateDatabaseAsync("botrole_auth");
        Services = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = postgres.Url(users),
                ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(auth),
                ["PLATFORM_DATABASE_URL"] = postgres.Url(users),
                ["ENABLE_MICROSERVICES"] = "true",
                ["FALLBACK_TO_MONOLITH"] = "true",
                ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "100000",
                // Only role bot runs the bot: the services do not host it, whatever they are given.
                ["TELEGRAM_BOT_TOKEN"] = BotHost.Token,
                ["TELEGRAM_API_BASE_URL"] = Server.BaseUrl,
                ["TELEGRAM_POLL_TIMEOUT_SECONDS"] = "5",
                ["TELEGRAM_MAX_CHAT_MESSAGES_PER_SECOND"] = "20",
            },
            [DeploymentRole.Users, DeploymentRole.Auth, DeploymentRole.Bot]);
    }

    public async Task DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

public sealed class BotRoleTests(BotRoleDeployment deployment) : IClassFixture<BotRoleDeployment>
{
    [Fact]
    public async Task Given_role_bot_in_hybrid_mode_When_the_User_Service_is_killed_mid_conversation_Then_the_conversation_goes_on()
    {
        // Arrange: a tutor made by an admin over the services' API, linked in the chat, in the middle of adding a student
        var services = deployment.Services;
        var admin = Bearer(services.UsersUrl, (await LoginAsync(await services.CreateAdminAsync("Админ Бота"))).AccessToken);
        var tutorCode = (await (await admin.PostAsJsonAsync("/api/v1/users", new { full_name = "Лариса Тьютор", role = "tutor" }, ApiJson.Options)).ReadAsync<UserWithAccessCode>()).AccessCode;
        var tutor = deployment.NewPerson("Лариса");
        await tutor.SendAsync("/start", "код доступа");
        await tutor.SendAsync(tutorCode, "Добро пожаловать");
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await tutor.SendAsync("Ника Ученица", "Добавить родителя");
        var health = await BotHealthAsync();
        Assert.Equal("in-process", health["users"]!["fallback"]!.GetValue<string>());
        Assert.Equal("in-process", health["auth"]!["fallback"]!.GetValue<string>());

        // Act: the User Service dies; the tutor finishes the dialogue and opens their list
        await services.KillAsync(DeploymentRole.Users);
        var created = await tutor.PressAsync("Без родителя", "Код ученика");
        var card = await ConversationTests.OpenStudentCardAsync(tutor, "Ника Ученица");

        // Assert: the codes were shown, and the student is in the User Service's store when it is back
        Assert.Contains("Ника Ученица", created.Text, StringComparison.Ordinal);
        Assert.Single(ChatDriver.CodesIn(created));
        Assert.Contains("Ника Ученица", card.Text, StringComparison.Ordinal);
        Assert.Contains("served in process", services[DeploymentRole.Bot].Output, StringComparison.Ordinal);
        await services.StartAsync(DeploymentRole.Users);
        var found = await (await admin.GetAsync("/api/v1/users?role=student&search=" + Uri.EscapeDataString("Ника Ученица"))).ReadObjectAsync();
        Assert.Equal(1, found["total"]!.GetValue<int>());
    }

    private async Task<JsonNode> BotHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = deployment.Services.Url(DeploymentRole.Bot) };
        var health = await (await http.GetAsync("/health")).ReadObjectAsync();
        return health["checks"]!["modules"]!["modules"]!;
    }

    private async Task<TokenPair> LoginAsync(string code)
    {
        using var http = new HttpClient { BaseAddress = deployment.Services.AuthUrl };
        return await (await http.PostAsJsonAsync("/api/v1/auth/login", new { access_code = code }, ApiJson.Options)).ReadAsync<TokenPair>();
    }

    private static HttpClient Bearer(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Role bot given no database of Users or Auth: it only calls out, and says so at the start and in /health.</summary>
public sealed class BotRoleWithoutFallbackTests
{
    [Fact]
    public async Task Given_role_bot_without_the_services_databases_Then_its_log_and_health_say_it_has_no_fallback()
    {
        // Arrange
        var postgres = await PostgresServer.SharedAsync();
        var platform = await postgres.CreateDatabaseAsync("botrole_platform");

        // Act: the bot alone (its services need not run for its /health to answer)
        await using var deployment = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["PLATFORM_DATABASE_URL"] = postgres.Url(platform),
                ["ENABLE_MICROSERVICES"] = "true",
                ["FALLBACK_TO_MONOLITH"] = "true",
            },
            [DeploymentRole.Bot]);
        using var http = new HttpClient { BaseAddress = deployment.Url(DeploymentRole.Bot) };
        var health = await (await http.GetAsync("/health")).ReadObjectAsync();

        // Assert
        var modules = health["checks"]!["modules"]!;
        Assert.Equal("none", modules["modules"]!["users"]!["fallback"]!.GetValue<string>());
        Assert.Equal("none", modules["modules"]!["auth"]!["fallback"]!.GetValue<string>());
        Assert.Equal("remote", modules["modules"]!["users"]!["path"]!.GetValue<string>());
        Assert.Contains("No in-process fallback for users, auth", modules["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Role bot has no in-process fallback for users, auth", deployment[DeploymentRole.Bot].Output, StringComparison.Ordinal);
    }
}

/// <summary>Role bot asks for the Auth key only when it carries the Auth fallback, and never for the Users key.</summary>
public sealed class BotRoleKeyTests
{
    [Fact]
    public async Task Given_role_bot_with_the_Auth_fallback_and_no_Auth_key_Then_it_stops_naming_AUTH_SERVICE_KEY()
    {
        var settings = Settings();
        settings["AUTH_SERVICE_DATABASE_URL"] = "postgresql://repitbot:secret-never-used@127.0.0.1:9/auth";

        var (exitCode, output) = await HostProcess.RunAsync([], settings);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: AUTH_SERVICE_KEY", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_role_bot_with_the_Users_fallback_and_neither_services_key_Then_migrate_brings_the_Users_store_up_to_date()
    {
        var postgres = await PostgresServer.SharedAsync();
        var users = await postgres.CreateDatabaseAsync("botrole_keys_users");
        var settings = Settings();
        settings["USER_SERVICE_DATABASE_URL"] = postgres.Url(users);
        settings["PLATFORM_DATABASE_URL"] = postgres.Url(users);

        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], settings);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Schema of module 'users' is up to date", output, StringComparison.Ordinal);
    }

    /// <summary>What role bot needs without any fallback: its own key, the JWT key and the Auth Service's address.</summary>
    private static Dictionary<string, string?> Settings() => new()
    {
        ["REPITBOT_ROLE"] = "bot",
        ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
        ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
        ["AUTH_SERVICE_URL"] = "http://127.0.0.1:9",
    };
}
