using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>Two instances of the host on one set of stores, as a scaled deployment runs them, and Redis failing under them.</summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly List<RepitBotFactory> factories = [];
    private PostgresServer postgres = null!;
    private RedisServer redis = null!;
    private string usersDatabase = string.Empty;
    private string authDatabase = string.Empty;
    private string jwtKey = TestSecrets.NewJwtKey();

    public async Task InitializeAsync()
    {
        postgres = await PostgresServer.SharedAsync();
        redis = await RedisServer.StartNewAsync();
        usersDatabase = await postgres.CreateDatabaseAsync("shared_users");
        authDatabase = await postgres.CreateDatabaseAsync("shared_auth");
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }

        await redis.DisposeAsync();
    }

    /// <summary>Far above the one second a revocation takes at worst to reach another instance, for a loaded machine.</summary>
    private static readonly TimeSpan RevocationReachesEveryInstance = TimeSpan.FromSeconds(15);

    private RepitBotFactory Instance(FakeTimeProvider? ownClock = null, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(usersDatabase),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(usersDatabase),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(authDatabase),
            ["REDIS_URL"] = redis.Url,
            ["JWT_SECRET_KEY"] = jwtKey,
            ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "100000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var factory = new RepitBotFactory(settings) { Clock = ownClock ?? clock };
        factories.Add(factory);
        return factory;
    }

    private static async Task<UserWithAccessCode> NewTutorAsync(RepitBotFactory factory)
    {
        var admin = await factory.CreateAdminAsync("Админ Общий");
        return await (await factory.ClientFor(admin.User.Id, "admin").PostJsonAsync("/api/v1/users", new { full_name = "Тьютор Общий", role = "tutor" })).ReadAsync<UserWithAccessCode>();
    }

    private static Task<HttpResponseMessage> LoginAsync(RepitBotFactory factory, string code) =>
        factory.CreateClient().PostJsonAsync("/api/v1/auth/login", new { access_code = code });

    private static async Task<HttpStatusCode> ReadSelfAsync(RepitBotFactory factory, TokenPair pair)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        return (await client.GetAsync($"/api/v1/users/{pair.UserId}")).StatusCode;
    }

    [Fact]
    public async Task Failures_counted_on_one_instance_lock_the_code_on_the_other()
    {
        var a = Instance();
        var b = Instance();
        var tutor = await NewTutorAsync(a);
        var plain = tutor.AccessCode.Replace("-", string.Empty, StringComparison.Ordinal);
        var wrong = plain[..6] + (plain[6..] == "0000000000" ? "1111111111" : "0000000000");

        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(i % 2 == 0 ? a : b, wrong);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(b, tutor.AccessCode)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(a, tutor.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task The_per_address_login_limit_counts_attempts_on_every_instance()
    {
        var a = Instance(null, ("LOGIN_RATE_LIMIT_PER_MINUTE", "3"));
        var b = Instance(null, ("LOGIN_RATE_LIMIT_PER_MINUTE", "3"));

        var statuses = new List<HttpStatusCode>();
        foreach (var instance in new[] { a, b, a, b })
        {
            statuses.Add((await LoginAsync(instance, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_logout_on_one_instance_ends_the_token_on_the_other_and_stays_ended_while_redis_is_down_or_emptied()
    {
        var a = Instance();
        var b = Instance();
        var tutor = await NewTutorAsync(a);
        var pair = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        var other = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        Assert.Equal(HttpStatusCode.OK, await ReadSelfAsync(b, pair));

        var client = a.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        await client.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = pair.RefreshToken });

        // The other instance learns of the logout from Redis' announcement, or at worst from the database's generation
        // a second later (ADR 0018): promptly, not within the same instant.
        var afterLogout = await Eventually.TrueAsync(async () => await ReadSelfAsync(b, pair) == HttpStatusCode.Unauthorized, RevocationReachesEveryInstance)
            ? HttpStatusCode.Unauthorized : HttpStatusCode.OK;

        await redis.StopAsync();
        var redisDown = await ReadSelfAsync(b, pair);
        var otherWhileDown = await ReadSelfAsync(b, other);

        // A restarted Redis is empty: the denylist must not be trusted until it is copied back from the database.
        await redis.StartAsync();
        var redisEmpty = await ReadSelfAsync(b, pair);

        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout);
        Assert.Equal(HttpStatusCode.Unauthorized, redisDown);
        Assert.Equal(HttpStatusCode.OK, otherWhileDown);
        Assert.Equal(HttpStatusCode.Unauthorized, redisEmpty);
    }

    [Fact]
    public async Task A_revocation_made_while_redis_is_down_is_honoured_after_it_returns()
    {
        var a = Instance();
        var tutor = await NewTutorAsync(a);
        var pair = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        await Eventually.AssertAsync(async () => await RedisHoldsTheDatabasesGenerationAsync(), TimeSpan.FromSeconds(30), "the denylist copied to Redis");

        await redis.StopAsync();
        var client = a.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/auth/logout", new { })).StatusCode);
        await redis.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadSelfAsync(a, pair));
        await Eventually.AssertAsync(async () => await RedisHoldsTheDatabasesGenerationAsync(), TimeSpan.FromSeconds(30), "the denylist copied back to Redis");
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadSelfAsync(a, pair));
    }

    [Fact]
    public async Task A_redis_restored_behind_the_database_does_not_let_a_revoked_token_through()
    {
        var a = Instance();
        var b = Instance();
        var tutor = await NewTutorAsync(a);
        var pair = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        await Eventually.AssertAsync(async () => await RedisHoldsTheDatabasesGenerationAsync(), TimeSpan.FromSeconds(30), "the denylist copied to Redis");
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(new StackExchange.Redis.ConfigurationOptions { EndPoints = { { "127.0.0.1", redis.Port } } });
        var before = await connection.GetDatabase().StringGetAsync("repitbot:auth:denylist:generation");

        var client = a.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/auth/logout", new { })).StatusCode);

        // Redis as a snapshot from before the logout would bring it back: the revocation's keys gone, and the
        // generation (or, before generations, the marker) of then still in place.
        var server = connection.GetServers()[0];
        var deniedKeys = server.Keys(pattern: "repitbot:auth:denied:*").ToArray();
        await connection.GetDatabase().KeyDeleteAsync(deniedKeys);
        await connection.GetDatabase().StringSetAsync("repitbot:auth:denylist:generation", before);
        await connection.GetDatabase().StringSetAsync("repitbot:auth:denylist:ready", "1");

        Assert.NotEmpty(deniedKeys);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadSelfAsync(a, pair));
        await Eventually.AssertAsync(async () => await ReadSelfAsync(b, pair) == HttpStatusCode.Unauthorized, RevocationReachesEveryInstance, "the other instance refusing the revoked token");
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadSelfAsync(b, pair));
    }

    [Fact]
    public async Task A_logout_reaches_the_other_instance_through_redis_before_its_next_read_of_the_database()
    {
        // The database is read only once a minute here, and each instance has vouched for the token already: only
        // the announcement on Redis can end the session on the other instance within the deadline.
        var a = Instance(null, ("REVOCATION_REFRESH_SECONDS", "60"));
        var b = Instance(null, ("REVOCATION_REFRESH_SECONDS", "60"));
        var tutor = await NewTutorAsync(a);
        var pair = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        Assert.Equal(HttpStatusCode.OK, await ReadSelfAsync(a, pair));
        Assert.Equal(HttpStatusCode.OK, await ReadSelfAsync(b, pair));
        var copyOfB = b.Services.GetRequiredService<LocalDenylist>();
        await Eventually.AssertAsync(() => Task.FromResult(copyOfB.IsDenied("a-token-never-revoked", null) == false), TimeSpan.FromSeconds(30), "the other instance's copy read from the database");

        var client = a.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/auth/logout", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadSelfAsync(a, pair));
        await Eventually.AssertAsync(async () => await ReadSelfAsync(b, pair) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(15), "the other instance refusing the token");
    }

    private async Task<long> DatabaseGenerationAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(authDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT generation FROM auth.revocation_counter", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task After_a_key_rotation_the_previous_key_validates_until_its_end_and_no_longer()
    {
        var oldKey = jwtKey;
        var a = Instance();
        var tutor = await NewTutorAsync(a);
        var oldToken = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();

        var rotatedClock = new FakeTimeProvider(clock.GetUtcNow());
        var until = clock.GetUtcNow().AddMinutes(5);
        jwtKey = TestSecrets.NewJwtKey();
        var b = Instance(rotatedClock, ("JWT_PREVIOUS_SECRET_KEY", oldKey), ("JWT_PREVIOUS_KEY_VALID_UNTIL", until.ToString("O")));
        var newToken = await (await LoginAsync(b, tutor.AccessCode)).ReadAsync<TokenPair>();

        var oldAccepted = await ReadSelfAsync(b, oldToken);
        rotatedClock.Advance(TimeSpan.FromMinutes(6));
        var oldAfterEnd = await ReadSelfAsync(b, oldToken);
        var newAfterEnd = await ReadSelfAsync(b, newToken);

        Assert.NotEqual(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(oldToken.AccessToken).Kid, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(newToken.AccessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, oldAccepted);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfterEnd);
        Assert.Equal(HttpStatusCode.OK, newAfterEnd);
    }

    [Fact]
    public async Task No_code_or_token_is_in_the_auth_store_the_audit_log_or_the_logs()
    {
        var a = Instance();
        var tutor = await NewTutorAsync(a);
        var pair = await (await LoginAsync(a, tutor.AccessCode)).ReadAsync<TokenPair>();
        var rotated = await (await a.CreateClient().PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = pair.RefreshToken })).ReadAsync<TokenPair>();
        await LoginAsync(a, tutor.AccessCode.ToLowerInvariant());

        await using var connection = new NpgsqlConnection(postgres.ConnectionString(authDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce((SELECT string_agg(t::text, E'\\n') FROM auth.refresh_tokens t), '') || coalesce((SELECT string_agg(f::text, E'\\n') FROM auth.token_families f), '') || coalesce((SELECT string_agg(e::text, E'\\n') FROM auth.audit_events e), '') || coalesce((SELECT string_agg(r::text, E'\\n') FROM auth.revoked_access_tokens r), '')",
            connection);
        var store = (string)(await command.ExecuteScalarAsync())!;
        var logs = a.Logs.All;

        Assert.Contains("login", store, StringComparison.Ordinal);
        var plain = tutor.AccessCode.Replace("-", string.Empty, StringComparison.Ordinal);
        foreach (var secret in new[] { tutor.AccessCode, plain, plain[6..], pair.AccessToken, pair.RefreshToken, rotated.AccessToken, rotated.RefreshToken })
        {
            Assert.DoesNotContain(secret, store, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }

        // The signature part alone must not leak either.
        Assert.DoesNotContain(pair.AccessToken.Split('.')[2], logs, StringComparison.Ordinal);
    }

    private async Task<bool> RedisHoldsTheDatabasesGenerationAsync()
    {
        try
        {
            await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(new StackExchange.Redis.ConfigurationOptions { EndPoints = { { "127.0.0.1", redis.Port } }, AbortOnConnectFail = true, ConnectTimeout = 500 });
            var held = await connection.GetDatabase().StringGetAsync("repitbot:auth:denylist:generation");
            return !held.IsNull && (long)held >= await DatabaseGenerationAsync();
        }
        catch (StackExchange.Redis.RedisException)
        {
            return false;
        }
    }
}
