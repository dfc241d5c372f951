using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;
using StackExchange.Redis;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// Failure semantics of logins across the wire, on real processes: the host (role all) in front of a remote Auth
/// Service, both on one Redis, Auth in microservices mode (no fallback to hide anything). Clients are told apart by the
/// address a known proxy (127.0.0.2) forwards, so each test counts in buckets of its own.
/// </summary>
public sealed class EdgeRateLimitTests : IAsyncLifetime
{
    private const int LoginsPerMinute = 3;
    private static readonly IPAddress KnownProxy = IPAddress.Parse("127.0.0.2");
    private static int nextClient;
    private SplitDeployment deployment = null!;
    private RedisServer redis = null!;
    private ConnectionMultiplexer redisClient = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        redis = await RedisServer.StartNewAsync();
        redisClient = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        deployment = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("edge_users")),
                ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("edge_platform")),
                ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("edge_auth")),
                ["REDIS_URL"] = redis.Url,
                ["AUTH_ENABLE_MICROSERVICES"] = "true",
                ["AUTH_FALLBACK_TO_MONOLITH"] = "false",
                ["LOGIN_RATE_LIMIT_PER_MINUTE"] = LoginsPerMinute.ToString(CultureInfo.InvariantCulture),
                ["CIRCUIT_FAILURES_BEFORE_OPEN"] = "3",

                // Generous: a loaded machine may take seconds for a cold first call, which must not count as an outage here.
                ["REMOTE_CALL_TIMEOUT_SECONDS"] = "30",
                ["CIRCUIT_BREAK_SECONDS"] = "60",
                ["FORWARDED_KNOWN_PROXIES"] = KnownProxy.ToString(),
            },
            [DeploymentRole.Users, DeploymentRole.Auth, DeploymentRole.All]);
    }

    public async Task DisposeAsync()
    {
        if (deployment is not null)
        {
            await deployment.DisposeAsync();
        }

        await redisClient.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task Through_the_host_a_client_gets_exactly_the_configured_logins_then_the_remote_429_with_retry_after()
    {
        var (statuses, limited, counted) = await InOneRateWindowAsync(async client =>
        {
            var responses = new List<HttpResponseMessage>();
            for (var i = 0; i <= LoginsPerMinute; i++)
            {
                responses.Add(await WrongLoginAsync(deployment.HostUrl, client));
            }

            return (responses.Select(r => r.StatusCode).ToList(), responses[^1], await CountedAsync(client));
        });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, LoginsPerMinute), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(LoginsPerMinute + 1, counted);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After: {limited.Headers.RetryAfter}");
        var problem = await limited.ReadObjectAsync();
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.True(problem["retry_after"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task A_flood_of_logins_from_one_address_leaves_the_auth_circuit_closed_and_bearer_checks_answer()
    {
        var adminCode = await deployment.CreateAdminAsync("Админ Потопа");
        var admin = await (await LoginAsync(deployment.HostUrl, NewClient(), adminCode)).ReadAsync<TokenPair>();
        var token = admin.AccessToken;

        var flooder = NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginsPerMinute + 12; i++)
        {
            statuses.Add((await WrongLoginAsync(deployment.HostUrl, flooder)).StatusCode);
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 9, string.Join(", ", statuses));
        var check = await Bearer(token).GetAsync($"/api/v1/users/{admin.UserId}");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("repitbot_circuit_state{module=\"auth\"} 0", await Http(deployment.HostUrl).GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_address_counts_only_from_a_known_proxy()
    {
        var forged = NewClient();
        var forwarded = NewClient();

        using var fromUnknown = new HttpRequestMessage(HttpMethod.Post, new Uri(deployment.HostUrl, "/api/v1/auth/login")) { Content = JsonContent.Create(new { access_code = "ZZZZ-ZZZZ-ZZZZ-ZZZZ" }) };
        fromUnknown.Headers.Add("X-Forwarded-For", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http(deployment.HostUrl).SendAsync(fromUnknown)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongLoginAsync(deployment.HostUrl, forwarded)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongLoginAsync(deployment.AuthUrl, forwarded)).StatusCode);

        Assert.Equal(0, await CountedAsync(forged));
        Assert.Equal(2, await CountedAsync(forwarded));
    }

    [Fact]
    public async Task Ipv6_clients_in_one_64_share_a_bucket()
    {
        var prefix = $"2001:db8:{Interlocked.Increment(ref nextClient):x}:7";
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongLoginAsync(deployment.HostUrl, $"{prefix}::a")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongLoginAsync(deployment.HostUrl, $"{prefix}:ffff:1:2:3")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WrongLoginAsync(deployment.HostUrl, $"{prefix}1::a")).StatusCode);

        Assert.Equal(2, await CountedAsync($"{prefix}::/64"));
        Assert.Equal(1, await CountedAsync($"{prefix}1::/64"));
    }

    /// <summary>
    /// Runs a sequence of logins for a fresh client address and answers its result, again with another address when the
    /// minute (the rate window) changed on the way, so a count never spans two windows.
    /// </summary>
    private static async Task<T> InOneRateWindowAsync<T>(Func<string, Task<T>> run)
    {
        for (var attempt = 0; ; attempt++)
        {
            var window = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
            var result = await run(NewClient());
            if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 == window || attempt == 3)
            {
                return result;
            }
        }
    }

    private static string NewClient() => $"198.51.100.{Interlocked.Increment(ref nextClient)}";

    /// <summary>How many login attempts the shared Redis holds for a client bucket, over every window.</summary>
    private async Task<long> CountedAsync(string bucket)
    {
        var server = redisClient.GetServer(redisClient.GetEndPoints()[0]);
        long total = 0;
        await foreach (var key in server.KeysAsync(pattern: $"repitbot:auth:login-rate:{bucket}:*"))
        {
            total += (long)await redisClient.GetDatabase().StringGetAsync(key);
        }

        return total;
    }

    private Task<HttpResponseMessage> WrongLoginAsync(Uri baseAddress, string client) => LoginAsync(baseAddress, client, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");

    /// <summary>A login sent through the known proxy, which forwards <paramref name="client"/> as the client's address.</summary>
    private static async Task<HttpResponseMessage> LoginAsync(Uri baseAddress, string client, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/api/v1/auth/login"))
        {
            Content = JsonContent.Create(new { access_code = code }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await ViaKnownProxy(baseAddress).SendAsync(request);
    }

    private HttpClient Bearer(string token)
    {
        var client = Http(deployment.HostUrl);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient Http(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client whose connections come from the known proxy's address (any 127.0.0.0/8 address is this machine).</summary>
    private static HttpClient ViaKnownProxy(Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(KnownProxy, 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
