using System.Net.Http.Json;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>
/// The host with the Users module on one store, an admin created through the internal credential, and helpers to
/// act as any user. One per test class; each test makes its own tutors, so tests do not see each other's users.
/// </summary>
public abstract class UsersHost : IAsyncLifetime
{
    private RepitBotFactory? factory;

    public RepitBotFactory Factory => factory ?? throw new InvalidOperationException("Not started.");

    public UserDto Admin { get; private set; } = null!;

    public abstract string Provider { get; }

    /// <summary>Log output of processes other than the in-process host (a standalone service), to search for secrets too.</summary>
    public virtual string OtherLogs => string.Empty;

    public HttpClient AsAdmin() => Factory.ClientFor(Admin.Id, "admin");

    public HttpClient As(UserDto user) => Factory.ClientFor(user.Id, user.Role.ToString().ToLowerInvariant());

    public async Task<UserWithAccessCode> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/v1/users", body);
        return await response.ReadAsync<UserWithAccessCode>();
    }

    public async Task<UserDto> NewTutorAsync(string name = "Анна Тьютор") =>
        (await CreateAsync(AsAdmin(), new { full_name = name, role = "tutor" })).User;

    public async Task<UserWithAccessCode> NewStudentAsync(UserDto tutor, string name = "Пётр Ученик", object? extra = null) =>
        await CreateAsync(As(tutor), extra ?? new { full_name = name, role = "student" });

    public async Task<UserDto> NewParentAsync(UserDto tutor, string name = "Мария Родитель") =>
        (await CreateAsync(As(tutor), new { full_name = name, role = "parent" })).User;

    public async Task InitializeAsync()
    {
        factory = new RepitBotFactory(await SettingsAsync());
        try
        {
            Admin = (await Factory.CreateAdminAsync("Test Admin")).User;
        }
        catch (InvalidOperationException e)
        {
            // A fixture that cannot start shows what its processes said, not only the error.
            throw new InvalidOperationException($"{e.Message}\n{OtherLogs}", e);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    /// <summary>Everything the Users store holds, as text, to show what is and is not kept in plain text.</summary>
    public abstract Task<string> DumpStoreAsync();

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();
}

public class PostgresUsersHost : UsersHost
{
    public PostgresServer Server { get; private set; } = null!;

    public string Database { get; private set; } = string.Empty;

    public override string Provider => "postgresql";

    public override async Task<string> DumpStoreAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT coalesce((SELECT string_agg(u::text, E'\\n') FROM users.users u), '') || E'\\n' || coalesce((SELECT string_agg(l::text, E'\\n') FROM users.parent_links l), '') || E'\\n' || coalesce((SELECT string_agg(r::text, E'\\n') FROM users.idempotency_records r), '')",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        Server = await PostgresServer.SharedAsync();
        Database = await Server.CreateDatabaseAsync("users_api");
        var redis = await RedisServer.SharedAsync();
        return new Dictionary<string, string?>
        {
            // The URL form exactly as the deployment guide writes it.
            ["USER_SERVICE_DATABASE_URL"] = Server.Url(Database).Replace("postgresql://", "postgresql+asyncpg://", StringComparison.Ordinal),
            ["PLATFORM_DATABASE_URL"] = Server.Url(Database),
            ["REDIS_URL"] = redis.Url,
        };
    }
}

public sealed class SqliteUsersHost : UsersHost
{
    public override string Provider => "sqlite";

    /// <summary>The raw bytes of the database and its write-ahead log: whatever SQLite wrote anywhere.</summary>
    public override Task<string> DumpStoreAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(Factory.DataDirectory, "users.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(System.Text.Encoding.Latin1.GetString(memory.ToArray()));
        }

        return Task.FromResult(text.ToString());
    }

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>());
}

/// <summary>
/// The same API through the other path: the host (role all) with Users switched to microservices mode without
/// fallback, so every call crosses the Refit client to a real User Service process (role users) on the same database.
/// </summary>
public sealed class RemoteUsersHost : PostgresUsersHost
{
    private SplitDeployment? services;

    public override string Provider => "postgresql via the user service";

    public override string OtherLogs => services?.Output ?? string.Empty;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        var authDatabase = await Server.CreateDatabaseAsync("users_api_auth");

        // The User Service checks every bearer token from its copy of the Auth Service's revocations (ADR 0026), and the
        // Auth Service reaches Users back over HTTP.
        services = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = settings["USER_SERVICE_DATABASE_URL"],
                ["PLATFORM_DATABASE_URL"] = settings["PLATFORM_DATABASE_URL"],
                ["AUTH_SERVICE_DATABASE_URL"] = Server.Url(authDatabase),

                // These tests are about answers, not about outages: on a loaded machine a slow call between the
                // processes (the User Service asking the Auth Service about a token) must neither time out nor open
                // a circuit, in the services as in the host.
                ["REMOTE_CALL_TIMEOUT_SECONDS"] = "60",
                ["CIRCUIT_FAILURES_BEFORE_OPEN"] = "1000",
            },
            [DeploymentRole.Users, DeploymentRole.Auth],
            processSettings: new Dictionary<string, string?> { ["DEBUG"] = "true" });
        foreach (var (key, value) in services.Settings)
        {
            settings[key] = value;
        }

        // Users goes remote without fallback; Auth stays in process in the host.
        settings["USERS_ENABLE_MICROSERVICES"] = "true";
        settings["USERS_FALLBACK_TO_MONOLITH"] = "false";
        return settings;
    }
}
