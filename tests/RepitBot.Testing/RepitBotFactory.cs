using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RepitBot.Testing;

/// <summary>
/// The host in process for integration tests, in the Testing environment unless told otherwise (production rules,
/// except that it allows the fast bcrypt the tests use), with its own secrets. Settings go in with UseSetting, under the same names as in appsettings.json.
/// </summary>
public sealed class RepitBotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly TempFolder dataFolder = TempFolder.Create("repitbot-data-");

    public RepitBotFactory(IDictionary<string, string?> settings)
    {
        JwtKey = TestSecrets.NewJwtKey();
        DataDirectory = dataFolder.Path;
        this.settings = new Dictionary<string, string?>
        {
            ["ENVIRONMENT"] = "Testing",
            ["JWT_SECRET_KEY"] = JwtKey,
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
            ["BOOTSTRAP_ADMIN"] = "false",
            ["DATA_DIR"] = DataDirectory,
        };
        foreach (var (key, value) in TestSecrets.NewServiceKeys())
        {
            this.settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            this.settings[key] = value;
        }

        JwtKey = this.settings["JWT_SECRET_KEY"]!;
        Tokens = new TestTokens(JwtKey);
    }

    /// <summary>The settings the host runs with, under their configuration names.</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    public string JwtKey { get; }

    public string DataDirectory { get; }

    public TestTokens Tokens { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>When set before the host starts, the host runs on this clock instead of the system's.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; init; }

    /// <summary>A client that acts as the given person.</summary>
    public HttpClient ClientFor(long userId, string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(userId, role));
        return client;
    }

    /// <summary>A client that presents the key of a service identity (users, auth or bot), as that module would.</summary>
    public HttpClient ServiceClient(string identity)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Service-Key", TestSecrets.PresentedKey(settings, identity));
        return client;
    }

    /// <summary>
    /// Creates an admin as the operator's command does, in process through the Users module itself: no service
    /// identity may create users over the API.
    /// </summary>
    public Task<RepitBot.Shared.Contracts.Users.UserWithAccessCode> CreateAdminAsync(string name) =>
        CreateUserAsync(name, RepitBot.Shared.Contracts.Users.UserRole.Admin);

    /// <summary>
    /// A user made in process, as the operator's `admin create` does: no service identity may create users over the
    /// API, and a test's people have to come from somewhere.
    /// </summary>
    public async Task<RepitBot.Shared.Contracts.Users.UserWithAccessCode> CreateUserAsync(string name, RepitBot.Shared.Contracts.Users.UserRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredKeyedService<RepitBot.Shared.Contracts.Users.IUsersModule>(RepitBot.Shared.Platform.Routing.ModuleImplementation.Local);
        var created = await users.CreateUserAsync(RepitBot.Shared.Contracts.Identity.Caller.Service("tests"), new RepitBot.Shared.Contracts.Users.CreateUserRequest(name, role), idempotencyKey: null, CancellationToken.None);
        return created.IsSuccess ? created.Value : throw new InvalidOperationException($"The user could not be created: {created.Error.Detail}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings["ENVIRONMENT"] ?? "Testing");
        foreach (var (key, value) in settings.Where(s => s.Key != "ENVIRONMENT"))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>((string?)null, LogLevel.Trace)));
        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            dataFolder.Dispose();
        }
    }
}
