using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>
/// The host (role all) with Users and Auth each in its own PostgreSQL database, Redis, and a fake clock the tests
/// drive. Each test makes its own users, so tests do not see each other's sessions.
/// </summary>
public class AuthHost : IAsyncLifetime
{
    private RepitBotFactory? factory;

    public RepitBotFactory Factory => factory ?? throw new InvalidOperationException("Not started.");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Whether the in-process host runs on <see cref="Clock"/>. Not when tokens come from service processes on real
    /// time: a frozen clock would find their issue time in its future once the fixture is older than the clock skew.
    /// </summary>
    protected virtual bool RunsOnFakeClock => true;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer? Redis { get; private set; }

    public string UsersDatabase { get; private set; } = string.Empty;

    public string AuthDatabase { get; private set; } = string.Empty;

    public UserDto Admin { get; private set; } = null!;

    public string AdminCode { get; private set; } = string.Empty;

    protected virtual bool UseRedis => true;

    protected virtual Dictionary<string, string?> ExtraSettings => new() { ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "100000" };

    /// <summary>Settings both the host and any service processes of a subclass share (keys, databases).</summary>
    protected virtual Task<Dictionary<string, string?>> ServiceSettingsAsync(Dictionary<string, string?> settings) => Task.FromResult(settings);

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient WithToken(string accessToken)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A login with a code; with a Telegram id, as the bot does it: the code typed in Telegram links that account.</summary>
    public async Task<TokenPair> LoginAsync(string code, long? telegramId = null) =>
        await (await TryLoginAsync(code, telegramId)).ReadAsync<TokenPair>();

    public Task<HttpResponseMessage> TryLoginAsync(string code, long? telegramId = null) => telegramId is null
        ? Anonymous().PostJsonAsync("/api/v1/auth/login", new { access_code = code })
        : Factory.ServiceClient("bot").PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = code, telegram_id = telegramId });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Anonymous().PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken });

    public async Task<TokenPair> AdminSessionAsync() => await LoginAsync(AdminCode);

    public async Task<(UserDto Tutor, string Code)> NewTutorAsync()
    {
        var admin = WithToken((await AdminSessionAsync()).AccessToken);
        var created = await (await admin.PostJsonAsync("/api/v1/users", new { full_name = "Тьютор Тестов", role = "tutor" })).ReadAsync<UserWithAccessCode>();
        return (created.User, created.AccessCode);
    }

    public async Task<UserWithAccessCode> NewUserOfAsync(string tutorCode, string role, object? extra = null)
    {
        var tutor = WithToken((await LoginAsync(tutorCode)).AccessToken);
        var body = extra ?? new { full_name = role == "parent" ? "Родитель Тестов" : "Ученик Тестов", role };
        return await (await tutor.PostJsonAsync("/api/v1/users", body)).ReadAsync<UserWithAccessCode>();
    }

    /// <summary>Whether a request to the Users API with this token gets through.</summary>
    public async Task<HttpStatusCode> UsersApiStatusAsync(string accessToken, long userId) =>
        (await WithToken(accessToken).GetAsync($"/api/v1/users/{userId}")).StatusCode;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.SharedAsync();
        UsersDatabase = await Postgres.CreateDatabaseAsync("auth_users");
        AuthDatabase = await Postgres.CreateDatabaseAsync("auth_auth");
        var settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = Postgres.Url(UsersDatabase),
            ["PLATFORM_DATABASE_URL"] = Postgres.Url(UsersDatabase),
            ["AUTH_SERVICE_DATABASE_URL"] = Postgres.Url(AuthDatabase),
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
        factory = new RepitBotFactory(settings) { Clock = RunsOnFakeClock ? Clock : null };
        var created = await Factory.CreateAdminAsync("Админ Тестов");
        (Admin, AdminCode) = (created.User, created.AccessCode);
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

/// <summary>The same host without Redis: counters and revocation checks in process and in the database.</summary>
public sealed class AuthHostWithoutRedis : AuthHost
{
    protected override bool UseRedis => false;
}

/// <summary>A host whose per-address login and refresh limits are small enough to reach in a test.</summary>
public sealed class AuthHostWithTightRateLimit : AuthHost
{
    public const int Limit = 3;

    protected override Dictionary<string, string?> ExtraSettings => new()
    {
        ["LOGIN_RATE_LIMIT_PER_MINUTE"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["REFRESH_RATE_LIMIT_PER_MINUTE"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A host whose retention job runs every second and keeps audit rows for 30 days.</summary>
public sealed class AuthHostWithQuickRetention : AuthHost
{
    public const int AuditRetentionDays = 30;

    protected override Dictionary<string, string?> ExtraSettings => new()
    {
        ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["RETENTION_INTERVAL_SECONDS"] = "1",
        ["AUDIT_RETENTION_DAYS"] = AuditRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The same checks through the other path: the host with Auth in microservices mode without fallback, so every Auth
/// call crosses the Refit client to a real Auth Service process (which reaches a real User Service process).
/// </summary>
public sealed class RemoteAuthHost : AuthHost
{
    private SplitDeployment? services;

    protected override bool RunsOnFakeClock => false;

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
        // These tests are about answers, not about outages: on a loaded machine a slow call between the processes must
        // neither time out nor open a circuit, in the services as in the host.
        settings["REMOTE_CALL_TIMEOUT_SECONDS"] = "60";
        settings["CIRCUIT_FAILURES_BEFORE_OPEN"] = "1000";
        services = await SplitDeployment.StartAsync(settings, [DeploymentRole.Users, DeploymentRole.Auth]);
        return new Dictionary<string, string?>(services.Settings)
        {
            ["AUTH_ENABLE_MICROSERVICES"] = "true",
            ["AUTH_FALLBACK_TO_MONOLITH"] = "false",
        };
    }
}
