using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// The split deployment in real processes: a User Service, an Auth Service and the host (role all) in hybrid mode on
/// the same databases. The User Service is killed in the middle of a realistic flow and brought back.
/// </summary>
public sealed partial class SwitchableModulesTests : IAsyncLifetime
{
    // Generous: a loaded CI machine may take seconds for a cold first call; a dead service is refused at once anyway.
    private const int TimeoutSeconds = 10;
    private SplitDeployment deployment = null!;
    private RedisServer redis = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        redis = await RedisServer.StartNewAsync();
        deployment = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("split_users")),
                ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("split_platform")),
                ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("split_auth")),
                ["REDIS_URL"] = redis.Url,
                ["ENABLE_MICROSERVICES"] = "true",
                ["FALLBACK_TO_MONOLITH"] = "true",
                ["REMOTE_CALL_TIMEOUT_SECONDS"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                ["CIRCUIT_FAILURES_BEFORE_OPEN"] = "3",
                ["CIRCUIT_BREAK_SECONDS"] = "2",
            },
            [DeploymentRole.Users, DeploymentRole.Auth, DeploymentRole.All]);
    }

    public async Task DisposeAsync()
    {
        if (deployment is not null)
        {
            await deployment.DisposeAsync();
        }

        await redis.DisposeAsync();
    }

    [Fact]
    public async Task Hybrid_survives_a_dead_user_service_microservices_fails_cleanly_and_traffic_returns_on_its_own()
    {
        // A realistic flow, all through the host while every service is up.
        var adminCode = await deployment.CreateAdminAsync("Админ Главный");
        var adminClient = Bearer((await LoginAsync(adminCode)).AccessToken);
        var tutor = await CreateAsync(adminClient, new { full_name = "Тьютор Первый", role = "tutor" });
        var tutorClient = Bearer((await LoginAsync(tutor.AccessCode)).AccessToken);
        var student = await CreateAsync(tutorClient, new { full_name = "Ученик Первый", role = "student" });
        var studentSession = await LoginAsync(student.AccessCode);
        var refreshed = await (await Http().PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = studentSession.RefreshToken }, ApiJson.Options)).ReadAsync<TokenPair>();
        var allowed = await (await Bearer(refreshed.AccessToken).PostAsJsonAsync("/api/v1/auth/check-permission", new { resource = "students", action = "read", resource_owner_id = student.User.Id }, ApiJson.Options)).ReadAsync<PermissionDecision>();
        Assert.True(allowed.Allowed);
        var before = await CallsAsync();
        Assert.True(before.GetValueOrDefault(("users", "remote", "success")) > 0, "users calls went to the User Service");
        Assert.True(before.GetValueOrDefault(("auth", "remote", "success")) > 0, "auth calls went to the Auth Service");

        // The User Service dies. Hybrid: every call still succeeds, served in process.
        await deployment.KillAsync(DeploymentRole.Users);
        var list = await tutorClient.GetAsync("/api/v1/users?role=student");
        var login = await Http().PostAsJsonAsync("/api/v1/auth/login", new { access_code = student.AccessCode }, ApiJson.Options);
        var created = await tutorClient.PostAsJsonAsync("/api/v1/users", new { full_name = "Ученик Второй", role = "student" }, ApiJson.Options);
        var read = await tutorClient.GetAsync($"/api/v1/users/{student.User.Id}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}\n{Tail(deployment[DeploymentRole.All].Output)}\n--- auth ---\n{Tail(deployment[DeploymentRole.Auth].Output)}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var during = await CallsAsync();
        Assert.True(during.GetValueOrDefault(("users", "fallback", "success")) >= 3, "the fallback metric counts the calls served in process");

        // An admin switches the running host to microservices only: callers get a clean 503, quickly.
        var toggle = await adminClient.PutAsJsonAsync("/api/v1/admin/features/FALLBACK_TO_MONOLITH", new { enabled = false }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, toggle.StatusCode);
        var watch = Stopwatch.StartNew();
        var unavailable = await tutorClient.GetAsync($"/api/v1/users/{student.User.Id}");
        watch.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(TimeoutSeconds), $"no hang past the configured timeout (took {watch.Elapsed})");

        // The User Service comes back: once the circuit's half-open probe succeeds, traffic returns to it by itself.
        await deployment.StartAsync(DeploymentRole.Users);
        var remoteBefore = (await CallsAsync()).GetValueOrDefault(("users", "remote", "success"));
        await Eventually.AssertAsync(
            async () => (await tutorClient.GetAsync($"/api/v1/users/{student.User.Id}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "calls succeed through the User Service again");
        Assert.True((await CallsAsync()).GetValueOrDefault(("users", "remote", "success")) > remoteBefore);
    }

    [Fact]
    public async Task Toggling_enable_microservices_through_the_admin_api_switches_the_running_host_within_seconds()
    {
        var adminCode = await deployment.CreateAdminAsync("Админ Переключатель");
        var adminClient = Bearer((await LoginAsync(adminCode)).AccessToken);

        var off = await adminClient.PutAsJsonAsync("/api/v1/admin/features/ENABLE_MICROSERVICES", new { enabled = false }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        var localBefore = (await CallsAsync()).GetValueOrDefault(("users", "local", "success"));
        await adminClient.GetAsync("/api/v1/users");
        Assert.True((await CallsAsync()).GetValueOrDefault(("users", "local", "success")) > localBefore, "monolith: served in process");

        var remoteBefore = (await CallsAsync()).GetValueOrDefault(("users", "remote", "success"));
        var reset = await adminClient.DeleteAsync("/api/v1/admin/features/ENABLE_MICROSERVICES");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        await adminClient.GetAsync("/api/v1/users");
        Assert.True((await CallsAsync()).GetValueOrDefault(("users", "remote", "success")) > remoteBefore, "back to the configured default: remote");

        var flags = await (await adminClient.GetAsync("/api/v1/admin/features")).Content.ReadAsStringAsync();
        Assert.Contains("\"name\":\"ENABLE_MICROSERVICES\",\"enabled\":true,\"default\":true,\"source\":\"configuration\"", flags, StringComparison.Ordinal);
        var metrics = await Http().GetStringAsync("/metrics");
        Assert.Contains("repitbot_feature_flag{name=\"ENABLE_MICROSERVICES\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_for_flags_is_for_admins_and_refuses_bad_input()
    {
        var adminCode = await deployment.CreateAdminAsync("Админ Флагов");
        var adminClient = Bearer((await LoginAsync(adminCode)).AccessToken);
        var tutor = await CreateAsync(adminClient, new { full_name = "Тьютор Любопытный", role = "tutor" });
        var tutorClient = Bearer((await LoginAsync(tutor.AccessCode)).AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await tutorClient.GetAsync("/api/v1/admin/features")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tutorClient.PutAsJsonAsync("/api/v1/admin/features/ENABLE_MICROSERVICES", new { enabled = false }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http().GetAsync("/api/v1/admin/features")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminClient.PutAsJsonAsync("/api/v1/admin/features/TURBO", new { enabled = true }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await adminClient.PutAsJsonAsync("/api/v1/admin/features/ENABLE_MICROSERVICES", new { enabled = "yes" }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await adminClient.PutAsJsonAsync("/api/v1/admin/features/ENABLE_MICROSERVICES", new { }, ApiJson.Options)).StatusCode);
    }

    [Fact]
    public async Task Host_health_shows_each_remote_modules_mode_circuit_and_own_health()
    {
        // Remote health is cached for a few seconds: an earlier test of this class may have stopped a service, so
        // the answer is awaited until it is a fresh one of two running services.
        System.Text.Json.Nodes.JsonNode modules = null!;
        await Eventually.AssertAsync(
            async () =>
            {
                modules = (await (await Http().GetAsync("/health")).ReadObjectAsync())["checks"]!["modules"]!["modules"]!;
                return modules["users"]!["remote_status"]!.GetValue<string>() == "healthy" && modules["auth"]!["remote_status"]!.GetValue<string>() == "healthy";
            },
            TimeSpan.FromSeconds(30),
            "both remote services to be reported healthy");

        Assert.Equal("hybrid", modules["users"]!["mode"]!.GetValue<string>());
        Assert.Equal("closed", modules["users"]!["circuit"]!.GetValue<string>());
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    private HttpClient Http() => new() { BaseAddress = deployment.HostUrl, Timeout = TimeSpan.FromSeconds(30) };

    private HttpClient Bearer(string token)
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<UserWithAccessCode> CreateAsync(HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/users", body, ApiJson.Options)).ReadAsync<UserWithAccessCode>();

    private async Task<TokenPair> LoginAsync(string code) =>
        await (await Http().PostAsJsonAsync("/api/v1/auth/login", new { access_code = code }, ApiJson.Options)).ReadAsync<TokenPair>();

    private async Task<Dictionary<(string Module, string Path, string Outcome), double>> CallsAsync()
    {
        var text = await Http().GetStringAsync("/metrics");
        return CallLine().Matches(text).ToDictionary(
            m => (m.Groups["module"].Value, m.Groups["path"].Value, m.Groups["outcome"].Value),
            m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""repitbot_module_calls_total\{module="(?<module>\w+)",path="(?<path>\w+)",outcome="(?<outcome>\w+)"\} (?<value>[0-9.e+]+)""")]
    private static partial Regex CallLine();
}
