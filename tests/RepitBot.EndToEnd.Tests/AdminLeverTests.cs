using System.Net;
using System.Net.Http.Headers;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// The admin's lever must work during the outage it exists for: with Users remote and no fallback, the User Service
/// dies; the admin's bearer check falls back on their last known status, so the admin can still reach the flags and
/// turn the fallback back on, and the calls succeed again.
/// </summary>
public sealed class AdminLeverTests : IAsyncLifetime
{
    private SplitDeployment deployment = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        deployment = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("lever_users")),
                ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("lever_auth")),
                ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("lever_platform")),

                // The host reaches Users only remotely, with no fallback; Auth stays in the host.
                ["USERS_ENABLE_MICROSERVICES"] = "true",
                ["USERS_FALLBACK_TO_MONOLITH"] = "false",
                ["REMOTE_CALL_TIMEOUT_SECONDS"] = "10",
            },
            [DeploymentRole.Users, DeploymentRole.Auth, DeploymentRole.All]);
    }

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task Given_Users_down_without_fallback_When_the_admin_turns_fallback_on_through_the_API_Then_calls_succeed_again()
    {
        var adminCode = await deployment.CreateAdminAsync("Админ Рычага");
        var tokens = await (await Client().PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();
        using var asAdmin = Client();
        asAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/api/v1/admin/features")).StatusCode);

        await deployment.KillAsync(DeploymentRole.Users);

        // Users answers nothing and may not be served in process: the Users API is honestly unavailable...
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await asAdmin.GetAsync($"/api/v1/users/{tokens.UserId}")).StatusCode);

        // ...but the admin, known a moment ago, still reaches the lever, also once their status is older than the
        // 2 s it is trusted fresh and can only be answered from the last known one.
        await Eventually.AssertAsync(
            async () =>
            {
                Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/api/v1/admin/features")).StatusCode);
                return await StaleAnswersAsync() > 0;
            },
            TimeSpan.FromSeconds(30),
            "a token check answered from the admin's last known status");
        var set = await asAdmin.PutJsonAsync("/api/v1/admin/features/USERS_FALLBACK_TO_MONOLITH", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var user = await asAdmin.GetAsync($"/api/v1/users/{tokens.UserId}");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(tokens.UserId, (await user.ReadAsync<UserDto>()).Id);

        // The host says it is working from last known statuses, on /health and in the metrics.
        var health = await (await Client().GetAsync("/health")).ReadObjectAsync();
        Assert.Equal("degraded", (string?)health["checks"]?["user_status"]?["status"]);
    }

    private async Task<double> StaleAnswersAsync()
    {
        using var client = Client();
        var line = (await client.GetStringAsync("/metrics")).Split('\n').SingleOrDefault(l => l.StartsWith("repitbot_auth_stale_user_status_total ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private HttpClient Client() => new() { BaseAddress = deployment.HostUrl };
}
