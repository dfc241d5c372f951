using Microsoft.Extensions.Logging.Abstractions;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Testing;
using StackExchange.Redis;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>When may Redis answer a revocation check by itself? Only while it is known to hold the whole denylist.</summary>
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
    public async Task An_emptied_redis_without_the_marker_leaves_the_answer_to_the_database()
    {
        var denylist = new RedisDenylist(connection, NullLogger<RedisDenylist>.Instance);
        await denylist.DenyAsync(RedisDenylist.TokenKey("revoked-jti"), TimeSpan.FromMinutes(5));

        var withoutMarker = await denylist.IsDeniedAsync("some-jti", null, CancellationToken.None);
        await denylist.LoadAsync([], CancellationToken.None);
        var denied = await denylist.IsDeniedAsync("revoked-jti", null, CancellationToken.None);
        var allowed = await denylist.IsDeniedAsync("some-jti", "some-sid", CancellationToken.None);

        Assert.Null(withoutMarker);
        Assert.True(denied);
        Assert.False(allowed);
    }

    [Fact]
    public async Task A_revoked_session_is_denied_through_its_sid()
    {
        var denylist = new RedisDenylist(connection, NullLogger<RedisDenylist>.Instance);
        await denylist.LoadAsync([(RedisDenylist.SessionKey("abc"), TimeSpan.FromMinutes(5))], CancellationToken.None);

        Assert.True(await denylist.IsDeniedAsync("any-jti", "abc", CancellationToken.None));
        Assert.False(await denylist.IsDeniedAsync("any-jti", "other", CancellationToken.None));
    }
}
