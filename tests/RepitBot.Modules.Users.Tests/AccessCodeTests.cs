using System.Net;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

public abstract class AccessCodeTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    private Task<HttpResponseMessage> ValidateAsync(object body) =>
        host.Factory.ServiceClient("auth").PostJsonAsync("/api/v1/users/validate-access-code", body);

    private async Task<AccessCodeValidation> ValidationOfAsync(object body) => await (await ValidateAsync(body)).ReadAsync<AccessCodeValidation>();

    [Fact]
    public async Task A_valid_code_says_whose_it_is()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);

        var result = await ValidationOfAsync(new { access_code = student.AccessCode });

        Assert.Equal(AccessCodeStatus.Valid, result.Status);
        Assert.Equal(student.User.Id, result.User?.Id);
        Assert.Equal(student.AccessCode.Replace("-", string.Empty, StringComparison.Ordinal)[..6], result.LookupId);
    }

    [Fact]
    public async Task Typed_input_is_normalized_for_case_spaces_hyphens_and_look_alike_letters()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);
        var typed = student.AccessCode.Replace("-", "  ", StringComparison.Ordinal).Replace('1', 'l').Replace('0', 'O').ToLowerInvariant();

        var result = await ValidationOfAsync(new { access_code = " " + typed + " " });

        Assert.Equal(AccessCodeStatus.Valid, result.Status);
        Assert.Equal(student.User.Id, result.User?.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0000-0000-0000-0000")]
    [InlineData("UUUU-UUUU-UUUU-UUUU")]
    [InlineData("0000-0000-0000-0000-0000")]
    public async Task An_unknown_or_malformed_code_is_simply_invalid(string code)
    {
        var result = await ValidationOfAsync(new { access_code = code });

        Assert.Equal(AccessCodeStatus.Invalid, result.Status);
        Assert.Null(result.User);
    }

    [Fact]
    public async Task A_right_lookup_part_with_a_wrong_secret_is_invalid_and_names_nobody()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);
        var plain = student.AccessCode.Replace("-", string.Empty, StringComparison.Ordinal);
        var wrongSecret = plain[..6] + (plain[6..] == "0000000000" ? "1111111111" : "0000000000");

        var result = await ValidationOfAsync(new { access_code = wrongSecret });

        Assert.Equal(AccessCodeStatus.Invalid, result.Status);
        Assert.Null(result.User);
        Assert.Equal(plain[..6], result.LookupId);
    }

    [Fact]
    public async Task A_deactivated_users_code_is_reported_inactive()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);
        await host.As(tutor).PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = false });

        var result = await ValidationOfAsync(new { access_code = student.AccessCode });

        Assert.Equal(AccessCodeStatus.Inactive, result.Status);
    }

    [Fact]
    public async Task A_code_with_a_telegram_id_links_the_account_once_and_refuses_another_account()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);

        var first = await ValidationOfAsync(new { access_code = student.AccessCode, telegram_id = telegramId });
        var again = await ValidationOfAsync(new { access_code = student.AccessCode, telegram_id = telegramId });
        var intruder = await ValidationOfAsync(new { access_code = student.AccessCode, telegram_id = telegramId + 1 });

        Assert.Equal((AccessCodeStatus.Valid, true), (first.Status, first.TelegramLinked));
        Assert.Equal((AccessCodeStatus.Valid, false), (again.Status, again.TelegramLinked));
        Assert.Equal(AccessCodeStatus.TelegramMismatch, intruder.Status);
        var stored = await (await host.As(tutor).GetAsync($"/api/v1/users/{student.User.Id}")).ReadAsync<UserDto>();
        Assert.Equal(telegramId, stored.TelegramId);
    }

    [Fact]
    public async Task A_telegram_account_already_linked_to_someone_else_is_not_linked_twice()
    {
        var tutor = await host.NewTutorAsync();
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var linked = await host.NewStudentAsync(tutor, "Уже Связан");
        Assert.True((await ValidationOfAsync(new { access_code = linked.AccessCode, telegram_id = telegramId })).TelegramLinked);
        var other = await host.NewStudentAsync(tutor, "Другой Ученик");

        var result = await ValidationOfAsync(new { access_code = other.AccessCode, telegram_id = telegramId });

        Assert.Equal(AccessCodeStatus.TelegramTaken, result.Status);
    }

    [Fact]
    public async Task Reissue_stops_the_old_code_at_once_and_unlinks_telegram()
    {
        var tutor = await host.NewTutorAsync();
        var student = await host.NewStudentAsync(tutor);
        await ValidationOfAsync(new { access_code = student.AccessCode, telegram_id = Random.Shared.NextInt64(1, long.MaxValue) });

        var response = await host.As(tutor).PostAsync($"/api/v1/users/{student.User.Id}/access-code", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reissued = await response.ReadAsync<UserWithAccessCode>();
        Assert.NotEqual(student.AccessCode, reissued.AccessCode);
        Assert.Null(reissued.User.TelegramId);
        Assert.Equal(AccessCodeStatus.Invalid, (await ValidationOfAsync(new { access_code = student.AccessCode })).Status);
        Assert.Equal(AccessCodeStatus.Valid, (await ValidationOfAsync(new { access_code = reissued.AccessCode })).Status);
    }

    [Fact]
    public async Task Only_the_services_may_check_codes_not_even_an_admin()
    {
        var response = await host.AsAdmin().PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = "0000-0000-0000-0000" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"access_code":"0000-0000-0000-0000","telegram_id":-1}""", "telegram_id")]
    [InlineData("""{"access_code":12}""", "access_code")]
    [InlineData("""{"code":"x"}""", "code")]
    public async Task Bad_check_input_answers_400_naming_the_field(string body, string field)
    {
        var response = await host.Factory.ServiceClient("auth").PostRawAsync("/api/v1/users/validate-access-code", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?[field]);
    }
}

public sealed class AccessCodeOnPostgres(PostgresUsersHost host) : AccessCodeTests<PostgresUsersHost>(host);

public sealed class AccessCodeOnSqlite(SqliteUsersHost host) : AccessCodeTests<SqliteUsersHost>(host);

public sealed class AccessCodeThroughUserService(RemoteUsersHost host) : AccessCodeTests<RemoteUsersHost>(host);
