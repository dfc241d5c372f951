using Microsoft.Extensions.Logging.Abstractions;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Testing;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>When may Redis answer a revocation check by itself? Only while it holds every revocation the database has.</summary>
public sealed class RedisDenylistTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private ConnectionMultiplexer connection = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.SharedAsync();
        connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { "127.0.0.1", redis.Port } }, DefaultDatabase = 3, AllowAdmin = true });
        await connection.GetServers()[0].FlushDatabaseAsync(3);
    }

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task An_emptied_redis_without_a_generation_leaves_the_answer_to_the_database()
    {
        var denylist = new RedisDenylist(connection, NullLogger<RedisDenylist>.Instance);
        await denylist.DenyAsync(RedisDenylist.TokenKey("revoked-jti"), TimeSpan.FromMinutes(5), generation: 1);

        var withoutGeneration = await denylist.IsDeniedAsync("some-jti", null, databaseGeneration: 1, CancellationToken.None);
        await denylist.LoadAsync([(RedisDenylist.TokenKey("revoked-jti"), TimeSpan.FromMinutes(5))], generation: 1, CancellationToken.None);
        var denied = await denylist.IsDeniedAsync("revoked-jti", null, databaseGeneration: 1, CancellationToken.None);
        var allowed = await denylist.IsDeniedAsync("some-jti", "some-sid", databaseGeneration: 1, CancellationToken.None);

        Assert.Null(withoutGeneration);
        Assert.True(denied);
        Assert.False(allowed);
    }

    [Fact]
    public async Task A_redis_behind_the_databases_generation_leaves_the_answer_to_the_database()
    {
        var denylist = new RedisDenylist(connection, NullLogger<RedisDenylist>.Instance);
        await denylist.LoadAsync([], generation: 4, CancellationToken.None);

        // Generation 6 landed, 5 (another process's) did not: Redis cannot vouch for either.
        await denylist.DenyAsync(RedisDenylist.TokenKey("six"), TimeSpan.FromMinutes(5), generation: 6);

        Assert.Null(await denylist.IsDeniedAsync("any-jti", null, databaseGeneration: 6, CancellationToken.None));
        Assert.Equal(4, await denylist.GenerationAsync(CancellationToken.None));
        await denylist.DenyAsync(RedisDenylist.TokenKey("five"), TimeSpan.FromMinutes(5), generation: 5);
        Assert.Equal(5, await denylist.GenerationAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_session_is_denied_through_its_sid()
    {
        var denylist = new RedisDenylist(connection, NullLogger<RedisDenylist>.Instance);
        await denylist.LoadAsync([(RedisDenylist.SessionKey("abc"), TimeSpan.FromMinutes(5))], generation: 0, CancellationToken.None);

        Assert.True(await denylist.IsDeniedAsync("any-jti", "abc", 0, CancellationToken.None));
        Assert.False(await denylist.IsDeniedAsync("any-jti", "other", 0, CancellationToken.None));
    }
}
