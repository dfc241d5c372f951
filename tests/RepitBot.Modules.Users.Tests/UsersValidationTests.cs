using System.Net;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>Every field rule answers 400 problem+json naming the field, and nothing is created.</summary>
public abstract class UsersValidationTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    private const string StackFrame = @"\bat [\w.`<>]+\(";

    public static TheoryData<string, string> InvalidCreateBodies => new()
    {
        { """{"role":"student"}""", "full_name" },
        { """{"full_name":"A","role":"student"}""", "full_name" },
        { $$"""{"full_name":"{{new string('x', 101)}}","role":"student"}""", "full_name" },
        { """{"full_name":"   ","role":"student"}""", "full_name" },
        { """{"full_name":"Имя\u0007Фамилия","role":"student"}""", "full_name" },
        { """{"full_name":"Имя Фамилия"}""", "role" },
        { """{"full_name":"Имя Фамилия","role":"wizard"}""", "role" },
        { """{"full_name":"Имя Фамилия","role":3}""", "role" },
        { """{"full_name":"Имя Фамилия","role":"tutor, student"}""", "role" },
        { """{"full_name":"Имя Фамилия","role":"Student"}""", "role" },
        { """{"full_name":"Имя Фамилия","role":"student","telegram_id":-5}""", "telegram_id" },
        { """{"full_name":"Имя Фамилия","role":"student","telegram_id":"abc"}""", "telegram_id" },
        { """{"full_name":"Имя Фамилия","role":"student","telegram_id":99999999999999999999}""", "telegram_id" },
        { """{"full_name":"Имя Фамилия","role":"student","username":"ab"}""", "username" },
        { """{"full_name":"Имя Фамилия","role":"student","username":"имя_кириллицей"}""", "username" },
        { """{"full_name":"Имя Фамилия","role":"parent","parent_ids":[1]}""", "parent_ids" },
        { """{"full_name":"Имя Фамилия","role":"student","parent_ids":[1,2,3]}""", "parent_ids" },
        { """{"full_name":"Имя Фамилия","role":"student","parent_ids":[4,4]}""", "parent_ids" },
        { """{"full_name":"Имя Фамилия","role":"student","parent_ids":[999999]}""", "parent_ids" },
        { """{"full_name":"Имя Фамилия","role":"student","nickname":"x"}""", "nickname" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task An_invalid_create_answers_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var tutor = await host.NewTutorAsync();
        var client = host.As(tutor);

        var response = await client.PostRawAsync("/api/v1/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.NotNull(problem["errors"]?[field]);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame, text);
        var list = await (await client.GetAsync("/api/v1/users?role=student")).ReadAsync<Shared.Contracts.Users.UserPage>();
        Assert.Equal(0, list.Total);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_answers_400_without_exception_text(string body)
    {
        var response = await host.As(await host.NewTutorAsync()).PostRawAsync("/api/v1/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame, text);
    }

    [Theory]
    [InlineData("""{}""", "body")]
    [InlineData("""{"full_name":"Я"}""", "full_name")]
    [InlineData("""{"username":"a b c"}""", "username")]
    [InlineData("""{"telegram_id":0}""", "telegram_id")]
    [InlineData("""{"is_active":"nope"}""", "is_active")]
    [InlineData("""{"role":"admin"}""", "role")]
    public async Task An_invalid_update_answers_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var tutor = await host.NewTutorAsync();
        var student = (await host.NewStudentAsync(tutor, "Неизменный Ученик")).User;

        var response = await host.As(tutor).PutAsync($"/api/v1/users/{student.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?[field]);
        var after = await (await host.As(tutor).GetAsync($"/api/v1/users/{student.Id}")).Content.ReadAsStringAsync();
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.JsonSerializer.SerializeToNode(student, ApiJson.Options), System.Text.Json.Nodes.JsonNode.Parse(after)),
            $"The user changed: {after}");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("size=0", "size")]
    [InlineData("size=101", "size")]
    [InlineData("size=ten", "size")]
    [InlineData("role=wizard", "role")]
    [InlineData("role=1", "role")]
    [InlineData("page=2147483647&size=100", "page")]
    [InlineData("search=%00", "search")]
    public async Task An_invalid_list_query_answers_400_naming_the_parameter(string query, string field)
    {
        foreach (var list in new[] { "/api/v1/users", "/api/v1/users/summaries" })
        {
            var response = await host.AsAdmin().GetAsync($"{list}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull((await response.ReadObjectAsync())["errors"]?[field]);
        }
    }

    [Fact]
    public async Task A_list_search_longer_than_100_characters_is_refused()
    {
        var response = await host.AsAdmin().GetAsync($"/api/v1/users?search={new string('a', 101)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?["search"]);
    }

    [Fact]
    public async Task An_id_that_is_not_a_number_is_not_found()
    {
        var response = await host.AsAdmin().GetAsync("/api/v1/users/abc");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class UsersValidationOnPostgres(PostgresUsersHost host) : UsersValidationTests<PostgresUsersHost>(host);

public sealed class UsersValidationOnSqlite(SqliteUsersHost host) : UsersValidationTests<SqliteUsersHost>(host);

public sealed class UsersValidationThroughUserService(RemoteUsersHost host) : UsersValidationTests<RemoteUsersHost>(host);
