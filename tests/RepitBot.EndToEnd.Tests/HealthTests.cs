using System.Net;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>/health tells each dependency's state; a required one down answers 503, Redis down only degrades.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_503_while_the_database_is_down_and_200_again_when_it_is_back()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        var database = await postgres.CreateDatabaseAsync("health");
        await using var factory = new RepitBotFactory(new Dictionary<string, string?> { ["USER_SERVICE_DATABASE_URL"] = postgres.Url(database), ["PLATFORM_DATABASE_URL"] = postgres.Url(database) });
        var client = factory.CreateClient();
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
        var client = factory.CreateClient();
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
}
