using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>A flag toggled on one instance takes effect on another within seconds: at once with Redis, by polling without.</summary>
public sealed class FlagPropagationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_toggle_on_one_instance_reaches_another_within_seconds(bool withRedis)
    {
        var postgres = await PostgresServer.SharedAsync();
        await using var redis = withRedis ? await RedisServer.StartNewAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_users")),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_platform")),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_auth")),
            ["REDIS_URL"] = redis?.Url,
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
                    };
        await using var a = new RepitBotFactory(settings);
        await using var b = new RepitBotFactory(settings);
        var admin = await a.CreateAdminAsync("Админ Флагов");
        var token = (await (await a.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { access_code = admin.AccessCode }, ApiJson.Options)).ReadAsync<TokenPair>()).AccessToken;
        var onA = a.CreateClient();
        var onB = b.CreateClient();
        onA.DefaultRequestHeaders.Authorization = onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.False(await EnabledAsync(onB, "AUTH_ENABLE_MICROSERVICES"));

        var set = await onA.PutAsJsonAsync("/api/v1/admin/features/AUTH_ENABLE_MICROSERVICES", new { enabled = true }, ApiJson.Options);

        Assert.True(set.IsSuccessStatusCode);
        await Eventually.AssertAsync(() => EnabledAsync(onB, "AUTH_ENABLE_MICROSERVICES"), TimeSpan.FromSeconds(10), "the other instance sees the toggle");
        await onA.DeleteAsync("/api/v1/admin/features/AUTH_ENABLE_MICROSERVICES");
        await Eventually.AssertAsync(async () => !await EnabledAsync(onB, "AUTH_ENABLE_MICROSERVICES"), TimeSpan.FromSeconds(10), "the other instance sees the reset");
    }

    [Fact]
    public async Task Given_many_first_time_PUTs_of_one_flag_at_once_Then_every_one_is_served_and_one_value_stands()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_race_users")),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_race_platform")),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("flags_race_auth")),
        };
        await using var host = new RepitBotFactory(settings);
        var admin = await host.CreateAdminAsync("Админ Гонки");
        var asAdmin = host.ClientFor(admin.User.Id, "admin");

        // Each flag is set for the first time by many requests at once: their inserts of the same row collide.
        foreach (var flag in new[] { "USERS_ENABLE_MICROSERVICES", "AUTH_ENABLE_MICROSERVICES", "ENABLE_MICROSERVICES" })
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                asAdmin.PutAsJsonAsync($"/api/v1/admin/features/{flag}", new { enabled = i % 2 == 0 }, ApiJson.Options)));

            Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, $"{flag}: {(int)answer.StatusCode}"));
            var flags = JsonNode.Parse(await asAdmin.GetStringAsync("/api/v1/admin/features"))!.AsArray();
            Assert.Equal("override", flags.Single(f => f!["name"]!.GetValue<string>() == flag)!["source"]!.GetValue<string>());
        }
    }

    private static async Task<bool> EnabledAsync(HttpClient client, string flag)
    {
        var flags = JsonNode.Parse(await client.GetStringAsync("/api/v1/admin/features"))!.AsArray();
        return flags.Single(f => f!["name"]!.GetValue<string>() == flag)!["enabled"]!.GetValue<bool>();
    }
}
