using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// Writes whose remote outcome is unknown, on real processes: the host (role all, Users in hybrid mode) reaches the
/// User Service through a proxy that lets writes happen and then answers a bare 503, as a gateway that lost the
/// connection would. Keyed writes (Idempotency-Key, given by the client or picked by the host) are served in process
/// and answer what the service did; a write without a key is not done twice.
/// </summary>
public sealed class IdempotentWritesTests : IAsyncLifetime
{
    private AnswerLosingProxy proxy = null!;
    private SplitDeployment deployment = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        proxy = await AnswerLosingProxy.StartAsync();
        deployment = await SplitDeployment.StartAsync(
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("idem_users")),
                ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("idem_platform")),
                ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync("idem_auth")),
                ["USERS_ENABLE_MICROSERVICES"] = "true",
                ["USERS_FALLBACK_TO_MONOLITH"] = "true",
                ["REMOTE_CALL_TIMEOUT_SECONDS"] = "30",

                // The lost answers are 5xx: keep the circuit out of this test, so every call meets the proxy.
                ["CIRCUIT_FAILURES_BEFORE_OPEN"] = "1000",
            },
            [DeploymentRole.Users, DeploymentRole.Auth, DeploymentRole.All],
            new Dictionary<string, string?> { ["USER_SERVICE_URL"] = proxy.Url.ToString() });
        proxy.Target = deployment.UsersUrl;
    }

    public async Task DisposeAsync()
    {
        if (deployment is not null)
        {
            await deployment.DisposeAsync();
        }

        await proxy.DisposeAsync();
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_done_once_and_a_retry_with_its_key_answers_the_first_result_also_in_process()
    {
        var adminClient = Bearer((await LoginAsync(await deployment.CreateAdminAsync("Админ Повторов"))).AccessToken);
        proxy.LosesAnswerOf = request => request.Method != "GET" && request.Path.StartsWithSegments("/api/v1/users") && !request.Path.StartsWithSegments("/api/v1/users/validate-access-code");
        var key = Guid.NewGuid().ToString();

        // The service creates the user, the proxy loses the answer: the host serves the keyed write in process, which
        // finds it done and answers its result.
        var first = await CreateAsync(adminClient, key, "Тьютор Идемпотентный");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.ReadAsync<UserWithAccessCode>();
        Assert.True(proxy.Lost >= 1, "the service's answer was lost on the way");
        var again = await (await CreateAsync(adminClient, key, "Тьютор Идемпотентный")).ReadAsync<UserWithAccessCode>();
        Assert.Equal(created.User.Id, again.User.Id);
        Assert.Equal(created.AccessCode, again.AccessCode);
        Assert.Equal(1, await CountNamedAsync(adminClient, "Идемпотентный"));

        // No key from the client: the host picks one for both attempts, so the user is not created twice either.
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(adminClient, key: null, "Тьютор Бесключевой")).StatusCode);
        Assert.Equal(1, await CountNamedAsync(adminClient, "Бесключевой"));

        // A write with no key (an update) whose outcome is unknown is not served again: a clean 503, not marked as
        // "not executed", since it may well have happened.
        var update = await adminClient.PutAsJsonAsync($"/api/v1/users/{created.User.Id}", new { username = "idem_tutor" }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, update.StatusCode);
        Assert.False(update.Headers.Contains("X-RepitBot-Not-Executed"));

        // Code reissue, keyed: the code of the first answer, every time.
        var reissueKey = Guid.NewGuid().ToString();
        var reissued = await (await ReissueAsync(adminClient, created.User.Id, reissueKey)).ReadAsync<UserWithAccessCode>();
        Assert.NotEqual(created.AccessCode, reissued.AccessCode);

        // The User Service dies: the retries are served in process from the same store, with the same results.
        await deployment.KillAsync(DeploymentRole.Users);
        var afterKill = await CreateAsync(adminClient, key, "Тьютор Идемпотентный");
        Assert.Equal(HttpStatusCode.Created, afterKill.StatusCode);
        Assert.Equal(created.User.Id, (await afterKill.ReadAsync<UserWithAccessCode>()).User.Id);
        Assert.Equal(reissued.AccessCode, (await (await ReissueAsync(adminClient, created.User.Id, reissueKey)).ReadAsync<UserWithAccessCode>()).AccessCode);
        Assert.Equal(1, await CountNamedAsync(adminClient, "Идемпотентный"));

        // The same key for another request is refused; the code answered is the one that works.
        var misuse = await CreateAsync(adminClient, key, "Тьютор Другой");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, misuse.StatusCode);
        Assert.Equal("application/problem+json", misuse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Http().PostAsJsonAsync("/api/v1/auth/login", new { access_code = reissued.AccessCode }, ApiJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http().PostAsJsonAsync("/api/v1/auth/login", new { access_code = created.AccessCode }, ApiJson.Options)).StatusCode);
    }

    private static async Task<int> CountNamedAsync(HttpClient client, string search) =>
        (await (await client.GetAsync($"/api/v1/users?search={Uri.EscapeDataString(search)}")).ReadAsync<UserPage>()).Total;

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string? key, string fullName)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users") { Content = JsonContent.Create(new { full_name = fullName, role = "tutor" }, options: ApiJson.Options) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> ReissueAsync(HttpClient client, long userId, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{userId}/access-code");
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<TokenPair> LoginAsync(string code) =>
        await (await Http().PostAsJsonAsync("/api/v1/auth/login", new { access_code = code }, ApiJson.Options)).ReadAsync<TokenPair>();

    private HttpClient Http() => new() { BaseAddress = deployment.HostUrl, Timeout = TimeSpan.FromSeconds(60) };

    private HttpClient Bearer(string token)
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
