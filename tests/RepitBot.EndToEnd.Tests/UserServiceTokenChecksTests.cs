using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// The User Service checks the bearer tokens of its requests itself (ADR 0026), in real processes of a User Service and
/// an Auth Service: from its copy of Auth's revocations, which a logout reaches through Redis' announcement or through
/// the Auth Service's feed, and never open: without the Auth Service its copy stops vouching within seconds (503).
/// </summary>
public sealed class UserServiceTokenChecksTests
{
    private static async Task<Dictionary<string, string?>> SettingsAsync(string prefix, bool withRedis)
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_users")),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_auth")),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_platform")),
            ["REMOTE_CALL_TIMEOUT_SECONDS"] = "30",

            // A loaded test machine must not let the copy go stale between two reads: five seconds of slack, not three.
            ["REVOCATION_REFRESH_SECONDS"] = "2",
        };
        if (withRedis)
        {
            settings["REDIS_URL"] = (await RedisServer.SharedAsync()).Url;
        }

        return settings;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_User_Service_checks_tokens_without_asking_Auth_and_a_logout_reaches_it(bool withRedis)
    {
        await using var deployment = await SplitDeployment.StartAsync(await SettingsAsync(withRedis ? "checks_redis" : "checks_feed", withRedis), [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Проверок");
        var session = await (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();
        var asAdmin = Client(deployment.UsersUrl, bearer: session.AccessToken);

        // The copy vouches once it has read the feed; from then on the Auth Service is not asked about this token.
        await Eventually.AssertAsync(async () => (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the token accepted");
        var introspections = await IntrospectionsAsync(deployment);
        var askedByUsers = await MetricAsync(deployment.UsersUrl, "repitbot_auth_replica_introspections_total");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode);
        }

        Assert.Equal(introspections, await IntrospectionsAsync(deployment));
        Assert.Equal(askedByUsers, await MetricAsync(deployment.UsersUrl, "repitbot_auth_replica_introspections_total"));

        // The count is real: one introspection asked by hand shows in it.
        using var introspect = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/validate") { Content = System.Net.Http.Json.JsonContent.Create(new { token = session.AccessToken }, options: ApiJson.Options) };
        introspect.Headers.Add("X-Service-Key", deployment.ServiceKey("users"));
        Assert.Equal(HttpStatusCode.OK, (await Client(deployment.AuthUrl).SendAsync(introspect)).StatusCode);
        Assert.Equal(introspections + 1, await IntrospectionsAsync(deployment));

        // A logout at the Auth Service: announced on Redis, or read from the feed within its interval.
        var logout = await Client(deployment.AuthUrl, bearer: session.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = session.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        await Eventually.AssertAsync(
            async () => (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(20),
            "the logged-out token refused by the User Service");
    }

    [Fact]
    public async Task Without_the_Auth_Service_the_User_Service_stops_vouching_within_seconds_and_logs_nobody_out()
    {
        await using var deployment = await SplitDeployment.StartAsync(await SettingsAsync("checks_outage", withRedis: true), [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Без Auth");
        var session = await (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();
        var asAdmin = Client(deployment.UsersUrl, bearer: session.AccessToken);
        await Eventually.AssertAsync(async () => (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the token accepted");

        // The copy can no longer be confirmed and the introspection it falls back to cannot be made: 503, never 401.
        var askedBefore = await MetricAsync(deployment.UsersUrl, "repitbot_auth_replica_introspections_total");
        await deployment.KillAsync(DeploymentRole.Auth);
        await Eventually.AnswersAsync(() => asAdmin.GetAsync($"/api/v1/users/{session.UserId}"), HttpStatusCode.ServiceUnavailable, [HttpStatusCode.OK], TimeSpan.FromSeconds(30), "503 once the copy is stale");
        Assert.True(await MetricAsync(deployment.UsersUrl, "repitbot_auth_replica_introspections_total") > askedBefore, "the checks the copy could not answer are counted");

        // Auth is back: the same token works again, since nothing was revoked.
        await deployment.StartAsync(DeploymentRole.Auth);
        await Eventually.AssertAsync(async () => (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the token accepted again");
    }

    /// <summary>How many introspection requests the Auth Service has received, from its Prometheus metrics.</summary>
    private static async Task<double> IntrospectionsAsync(SplitDeployment deployment)
    {
        var metrics = await Client(deployment.AuthUrl).GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("http_requests_received_total{", StringComparison.Ordinal) && line.Contains("auth/validate", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>A counter's value in a process's metrics; 0 while it has not been counted yet.</summary>
    private static async Task<double> MetricAsync(Uri process, string name)
    {
        var metrics = await Client(process).GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static HttpClient Client(Uri baseAddress, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }
}
