using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// /health tells each dependency's state (to admins, services and this machine; the status only to anyone else); a
/// required one down answers 503, Redis down only degrades. A restarted database never turns a request into a 500.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_503_while_the_database_is_down_and_200_again_when_it_is_back()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var database = await postgres.CreateDatabaseAsync("health");
        await using var factory = new RepitBotFactory(new Dictionary<string, string?> { ["USER_SERVICE_DATABASE_URL"] = postgres.Url(database), ["PLATFORM_DATABASE_URL"] = postgres.Url(database) });
        var client = factory.ServiceClient("users");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await postgres.StopAsync();
        var down = await client.GetAsync("/health");
        var downBody = await down.ReadObjectAsync();
        await postgres.StartAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("unhealthy", downBody["status"]!.GetValue<string>());
        Assert.Equal("unhealthy", downBody["checks"]!["users_database"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("Exception", downBody.ToJsonString(), StringComparison.Ordinal);
        await Eventually.AssertAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "health back to 200");
    }

    [Fact]
    public async Task Redis_down_degrades_health_but_the_api_keeps_answering()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var factory = new RepitBotFactory(new Dictionary<string, string?> { ["REDIS_URL"] = redis.Url });
        var client = factory.ServiceClient("users");
        var admin = await factory.CreateAdminAsync("Админ Здоровья");
        var up = await (await client.GetAsync("/health")).ReadObjectAsync();

        await redis.StopAsync();
        var down = await client.GetAsync("/health");
        var downBody = await down.ReadObjectAsync();
        var api = await factory.ClientFor(admin.User.Id, "admin").GetAsync("/api/v1/users");

        Assert.Equal("healthy", up["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Equal("degraded", downBody["status"]!.GetValue<string>());
        Assert.Equal("degraded", downBody["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.False(downBody["checks"]!["redis"]!["required"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task After_postgresql_restarts_the_next_requests_succeed_or_answer_503_never_500()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var users = await postgres.CreateDatabaseAsync("restart_users");
        var auth = await postgres.CreateDatabaseAsync("restart_auth");
        await using var factory = new RepitBotFactory(new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(users),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(users),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(auth),
        });
        var created = await factory.CreateUserAsync("Тьютор Рестартов", UserRole.Tutor);
        var pair = await (await factory.CreateClient().PostJsonAsync("/api/v1/auth/login", new { access_code = created.AccessCode })).ReadAsync<TokenPair>();
        var person = factory.CreateClient();
        person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/api/v1/users/{created.User.Id}")).StatusCode);

        // Every connection in the pools is broken now.
        await postgres.RestartAsync();
        var responses = new[]
        {
            await person.GetAsync($"/api/v1/users/{created.User.Id}"),
            await person.GetAsync("/api/v1/users"),
            await person.PostJsonAsync("/api/v1/users", new { full_name = "Ученик Рестартов", role = "student" }),
            await factory.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = pair.RefreshToken }),
        };

        foreach (var response in responses)
        {
            Assert.True(
                response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
                $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }
    }

    [Fact]
    public async Task Anonymous_health_has_the_status_only_while_an_admin_and_a_service_see_the_detail()
    {
        await using var remote = await CountingRemoteAsync();
        await using var factory = new RepitBotFactory(new Dictionary<string, string?> { ["USER_SERVICE_URL"] = remote.Url });
        var admin = await AdminClientAsync(factory);

        var anonymous = await factory.CreateClient().GetAsync("/health");
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        var anonymousBody = await anonymous.Content.ReadAsStringAsync();
        var viaProxyBody = await (await factory.CreateClient().SendAsync(proxied)).Content.ReadAsStringAsync();
        var adminBody = await (await admin.GetAsync("/health")).Content.ReadAsStringAsync();
        var serviceBody = await (await factory.ServiceClient("users").GetAsync("/health")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("""{"status":"healthy"}""", anonymousBody);
        Assert.Equal("""{"status":"healthy"}""", viaProxyBody);
        Assert.Contains(remote.Url.TrimEnd('/'), adminBody, StringComparison.Ordinal);
        Assert.Contains("users_database", adminBody, StringComparison.Ordinal);
        Assert.Contains(remote.Url.TrimEnd('/'), serviceBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_remote_part_of_health_is_asked_once_per_few_seconds_however_often_health_is_hit()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var remote = await CountingRemoteAsync();
        await using var factory = new RepitBotFactory(new Dictionary<string, string?> { ["USER_SERVICE_URL"] = remote.Url }) { Clock = clock };
        var client = factory.ServiceClient("users");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }

        var withinLifetime = remote.Hits;
        clock.Advance(TimeSpan.FromSeconds(6));
        await client.GetAsync("/health");

        Assert.Equal(1, withinLifetime);
        Assert.Equal(2, remote.Hits);
    }

    private static async Task<HttpClient> AdminClientAsync(RepitBotFactory factory)
    {
        var created = await factory.CreateAdminAsync("Админ Здоровья");
        var pair = await (await factory.CreateClient().PostJsonAsync("/api/v1/auth/login", new { access_code = created.AccessCode })).ReadAsync<TokenPair>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        return client;
    }

    /// <summary>A stand-in remote service on a loopback port that answers /health/local and counts the questions.</summary>
    private static async Task<CountingRemote> CountingRemoteAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var remote = new CountingRemote(app, $"http://127.0.0.1:{port}/");
        app.MapGet("/health/local", () =>
        {
            remote.Count();
            return Results.Ok(new { status = "healthy" });
        });
        await app.StartAsync();
        return remote;
    }

    private sealed class CountingRemote(WebApplication app, string url) : IAsyncDisposable
    {
        private int hits;

        public string Url { get; } = url;

        public int Hits => Volatile.Read(ref hits);

        public void Count() => Interlocked.Increment(ref hits);

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
