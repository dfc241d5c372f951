using System.Net;
using System.Net.Http.Headers;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// One identity per calling module, each allowed only what it needs, in real processes of a User Service and an Auth
/// Service: the endpoints each identity may not use answer 403, a rotated-out key 401, and a refused key between the
/// services is an outage (503), never a logged-out or deleted user.
/// </summary>
public sealed class ServiceIdentityTests
{
    private static async Task<Dictionary<string, string?>> DatabasesAsync(string prefix)
    {
        var postgres = await PostgresServer.SharedAsync();
        return new Dictionary<string, string?>
        {
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_users")),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_auth")),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(await postgres.CreateDatabaseAsync($"{prefix}_platform")),
            ["REMOTE_CALL_TIMEOUT_SECONDS"] = "30",
        };
    }

    [Fact]
    public async Task Each_service_identity_is_accepted_where_it_is_needed_and_refused_with_403_everywhere_else()
    {
        await using var deployment = await SplitDeployment.StartAsync(await DatabasesAsync("ids_matrix"), [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Личностей");
        var admin = await (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();
        var asAdmin = Client(deployment.UsersUrl, bearer: admin.AccessToken);
        var tutor = await (await asAdmin.PostJsonAsync("/api/v1/users", new { full_name = "Тьютор Проверочный", role = "tutor" })).ReadAsync<UserWithAccessCode>();
        var id = admin.UserId;
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);

        // What each identity may do, and nothing else: (identity, service, method, path, body, allowed).
        var calls = new List<(string Identity, Uri Service, HttpMethod Method, string Path, object? Body, bool Allowed)>();
        foreach (var identity in new[] { "users", "auth", "bot" })
        {
            calls.AddRange(
            [
                // Auth reads users and checks codes; nobody else does.
                (identity, deployment.UsersUrl, HttpMethod.Get, $"/api/v1/users/{id}", null, identity == "auth"),
                (identity, deployment.UsersUrl, HttpMethod.Get, $"/api/v1/users/telegram/{telegramId + 1}", null, identity == "auth"),
                (identity, deployment.UsersUrl, HttpMethod.Post, "/api/v1/users/validate-access-code", new { access_code = "0000-0000-0000-0000" }, identity == "auth"),

                // The services' bearer checks introspect: Users' and the bot's.
                (identity, deployment.AuthUrl, HttpMethod.Post, "/api/v1/auth/validate", new { token = admin.AccessToken }, identity is "users" or "bot"),

                // Only the bot links a Telegram account with a code, and then logs that account in.
                (identity, deployment.AuthUrl, HttpMethod.Post, "/api/v1/auth/telegram-link", new { access_code = tutor.AccessCode, telegram_id = telegramId }, identity == "bot"),
                (identity, deployment.AuthUrl, HttpMethod.Post, "/api/v1/auth/telegram-login", new { telegram_id = telegramId }, identity == "bot"),

                // For people only: creating and changing users, codes, flags, the audit log.
                (identity, deployment.UsersUrl, HttpMethod.Get, "/api/v1/users", null, false),
                (identity, deployment.UsersUrl, HttpMethod.Post, "/api/v1/users", new { full_name = "Админ Поддельный", role = "admin" }, false),
                (identity, deployment.UsersUrl, HttpMethod.Put, $"/api/v1/users/{tutor.User.Id}", new { is_active = false }, false),
                (identity, deployment.UsersUrl, HttpMethod.Delete, $"/api/v1/users/{tutor.User.Id}", null, false),
                (identity, deployment.UsersUrl, HttpMethod.Post, $"/api/v1/users/{tutor.User.Id}/access-code", null, false),
                (identity, deployment.AuthUrl, HttpMethod.Get, "/api/v1/auth/audit", null, false),
                (identity, deployment.AuthUrl, HttpMethod.Post, "/api/v1/auth/check-permission", new { resource = "students", action = "read" }, false),
                (identity, deployment.UsersUrl, HttpMethod.Get, "/api/v1/admin/features", null, false),
                (identity, deployment.AuthUrl, HttpMethod.Put, "/api/v1/admin/features/FALLBACK_TO_MONOLITH", new { enabled = false }, false),
            ]);
        }

        var wrong = new List<string>();
        foreach (var (identity, service, method, path, body, allowed) in calls)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, options: ApiJson.Options) };
            request.Headers.Add("X-Service-Key", deployment.ServiceKey(identity));
            var status = (await Client(service).SendAsync(request)).StatusCode;
            // An allowed call is served (a Telegram id nobody has is a plain 404); a refused one is 403, never done. The
            // User Service holds nothing of the bot's key, so there the bot is not even recognised: 401.
            var refusal = identity == "bot" && service == deployment.UsersUrl ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            if (allowed ? status is not (HttpStatusCode.OK or HttpStatusCode.NotFound) : status != refusal)
            {
                wrong.Add($"{identity} {method} {path}: {(int)status}, expected {(allowed ? "200 or 404" : (int)refusal)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));

        // Nothing the refused calls asked for happened: the tutor is active, with the code they were given, and the
        // one Telegram account linked is the bot's doing.
        var after = await (await asAdmin.GetAsync($"/api/v1/users/{tutor.User.Id}")).ReadAsync<UserDto>();
        Assert.True(after.IsActive);
        Assert.Equal(telegramId, after.TelegramId);
        Assert.Equal(HttpStatusCode.OK, (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = tutor.AccessCode })).StatusCode);
    }

    [Fact]
    public async Task During_a_rotation_both_keys_work_and_afterwards_the_rotated_out_key_answers_401()
    {
        var oldKey = TestSecrets.NewServiceKey();
        var newKey = TestSecrets.NewServiceKey();
        var settings = await DatabasesAsync("ids_rotation");
        settings["AUTH_SERVICE_KEY"] = $"{newKey},{oldKey}";
        await using var deployment = await SplitDeployment.StartAsync(settings, [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Ротации");

        // During the rotation the User Service takes either key, and the Auth Service presents the new one.
        Assert.Equal(HttpStatusCode.OK, (await AsAuthAsync(deployment, oldKey, "/api/v1/users/validate-access-code")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AsAuthAsync(deployment, newKey, "/api/v1/users/validate-access-code")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).StatusCode);

        // The rotation ends: only the new key is listed, and the old one is refused as no key at all.
        deployment.Set("AUTH_SERVICE_KEY", newKey);
        await deployment.RestartAsync(DeploymentRole.Users);
        await deployment.RestartAsync(DeploymentRole.Auth);

        var rotatedOut = await AsAuthAsync(deployment, oldKey, "/api/v1/users/validate-access-code");
        Assert.Equal(HttpStatusCode.Unauthorized, rotatedOut.StatusCode);
        Assert.Equal("application/problem+json", rotatedOut.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await AsAuthAsync(deployment, newKey, "/api/v1/users/validate-access-code")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).StatusCode);
    }

    [Fact]
    public async Task Given_the_User_Service_refuses_the_Auth_Services_key_Then_token_checks_answer_503_and_no_session_ends()
    {
        var settings = await DatabasesAsync("ids_refused");

        // No last known status stands in: a status Users will not give is unknown at once.
        settings["USER_STATUS_MAX_STALE_SECONDS"] = "0";
        await using var deployment = await SplitDeployment.StartAsync(settings, [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Отказа");
        var session = await (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();
        var asAdmin = Client(deployment.UsersUrl, bearer: session.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode);

        // The User Service is restarted with another key for Auth: Auth's questions about users now get 401.
        var authKey = deployment.Settings["AUTH_SERVICE_KEY"];
        deployment.Set("AUTH_SERVICE_KEY", TestSecrets.NewServiceKey());
        await deployment.RestartAsync(DeploymentRole.Users);
        deployment.Set("AUTH_SERVICE_KEY", authKey);

        // Once the admin's status (trusted 2 s) must be asked again, Auth cannot say: its introspection answers 503,
        // never "inactive" as if the admin had been deleted. The User Service checks its own requests' tokens from its
        // copy of the revocations and its own users (ADR 0026), so it goes on serving the admin.
        await Eventually.AssertAsync(
            async () =>
            {
                using var introspect = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/validate") { Content = System.Net.Http.Json.JsonContent.Create(new { token = session.AccessToken }, options: ApiJson.Options) };
                introspect.Headers.Add("X-Service-Key", deployment.ServiceKey("users"));
                return (await Client(deployment.AuthUrl).SendAsync(introspect)).StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(30),
            "introspection answers 503 while Users refuses Auth's key");
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode);

        // The key is fixed: the same session works again, access and refresh token alike. Nothing was revoked.
        await deployment.RestartAsync(DeploymentRole.Users);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/api/v1/users/{session.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = session.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Given_the_Auth_Service_refuses_the_User_Services_key_Then_bearer_checks_answer_503_not_401()
    {
        await using var deployment = await SplitDeployment.StartAsync(await DatabasesAsync("ids_refused_back"), [DeploymentRole.Users, DeploymentRole.Auth]);
        var adminCode = await deployment.CreateAdminAsync("Админ Обратного Отказа");
        var session = await (await Client(deployment.AuthUrl).PostJsonAsync("/api/v1/auth/login", new { access_code = adminCode })).ReadAsync<TokenPair>();

        // The Auth Service is restarted with another key for Users: the User Service's introspection gets 401.
        var usersKey = deployment.Settings["USERS_SERVICE_KEY"];
        deployment.Set("USERS_SERVICE_KEY", TestSecrets.NewServiceKey());
        await deployment.RestartAsync(DeploymentRole.Auth);
        deployment.Set("USERS_SERVICE_KEY", usersKey);

        // The User Service can neither read Auth's revocations nor ask Auth about a token: once its copy is stale it
        // answers 503 (seconds), and the person is not logged out by a misconfigured key: never 401 on the way.
        var asAdmin = Client(deployment.UsersUrl, bearer: session.AccessToken);
        await Eventually.AnswersAsync(() => asAdmin.GetAsync($"/api/v1/users/{session.UserId}"), HttpStatusCode.ServiceUnavailable, [HttpStatusCode.OK], TimeSpan.FromSeconds(30), "the bearer check answers 503 while Auth refuses the User Service's key");
    }

    private static Task<HttpResponseMessage> AsAuthAsync(SplitDeployment deployment, string key, string path)
    {
        var client = Client(deployment.UsersUrl);
        client.DefaultRequestHeaders.Add("X-Service-Key", key);
        return client.PostJsonAsync(path, new { access_code = "0000-0000-0000-0000" });
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
