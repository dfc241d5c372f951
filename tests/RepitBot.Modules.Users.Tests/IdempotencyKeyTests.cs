using System.Net;
using System.Net.Http.Json;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>The Idempotency-Key of user creation and code reissue, on each store and through the User Service.</summary>
public abstract class IdempotencyKeyTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task A_create_sent_again_with_its_key_answers_the_first_user_and_code_and_another_request_gets_422()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { full_name = "Тьютор С Ключом", role = "tutor" };

        var first = await PostAsync(host.AsAdmin(), "/api/v1/users", key, body);
        var again = await PostAsync(host.AsAdmin(), "/api/v1/users", key, body);
        var other = await PostAsync(host.AsAdmin(), "/api/v1/users", key, new { full_name = "Тьютор Другой", role = "tutor" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var created = await first.ReadAsync<UserWithAccessCode>();
        var replayed = await again.ReadAsync<UserWithAccessCode>();
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(created.AccessCode, replayed.AccessCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        var page = await (await host.AsAdmin().GetAsync("/api/v1/users?search=" + Uri.EscapeDataString("С Ключом"))).ReadAsync<UserPage>();
        Assert.Equal(1, page.Total);
        var store = await host.DumpStoreAsync();
        Assert.DoesNotContain(created.AccessCode, store, StringComparison.Ordinal);
        Assert.DoesNotContain(created.AccessCode.Replace("-", string.Empty, StringComparison.Ordinal), store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reissue_sent_again_with_its_key_answers_the_same_code_only_to_the_same_caller()
    {
        var tutor = await host.NewTutorAsync("Тьютор Перевыпуска");
        var student = (await host.NewStudentAsync(tutor)).User;
        var key = Guid.NewGuid().ToString();

        var first = await (await PostAsync(host.As(tutor), $"/api/v1/users/{student.Id}/access-code", key, body: null)).ReadAsync<UserWithAccessCode>();
        var again = await (await PostAsync(host.As(tutor), $"/api/v1/users/{student.Id}/access-code", key, body: null)).ReadAsync<UserWithAccessCode>();
        var byAdmin = await (await PostAsync(host.AsAdmin(), $"/api/v1/users/{student.Id}/access-code", key, body: null)).ReadAsync<UserWithAccessCode>();

        Assert.Equal(first.AccessCode, again.AccessCode);
        Assert.NotEqual(first.AccessCode, byAdmin.AccessCode);
    }

    [Fact]
    public async Task A_malformed_key_is_refused_naming_the_header()
    {
        var response = await PostAsync(host.AsAdmin(), "/api/v1/users", new string('k', 256), new { full_name = "Тьютор Длинный Ключ", role = "tutor" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]!["idempotency-key"]);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string key, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

public sealed class IdempotencyKeyOnPostgres(PostgresUsersHost host) : IdempotencyKeyTests<PostgresUsersHost>(host);

public sealed class IdempotencyKeyOnSqlite(SqliteUsersHost host) : IdempotencyKeyTests<SqliteUsersHost>(host);

public sealed class IdempotencyKeyThroughUserService(RemoteUsersHost host) : IdempotencyKeyTests<RemoteUsersHost>(host);
