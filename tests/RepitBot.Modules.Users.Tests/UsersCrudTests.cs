using System.Net;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

public abstract class UsersCrudTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task Admin_creates_a_tutor_and_only_that_answer_carries_the_access_code()
    {
        var response = await host.AsAdmin().PostJsonAsync("/api/v1/users", new { full_name = "  Анна   Иванова ", role = "tutor", username = "@anna_tutor" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<UserWithAccessCode>();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", created.AccessCode);
        Assert.Equal($"/api/v1/users/{created.User.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Анна Иванова", created.User.FullName);
        Assert.Equal("anna_tutor", created.User.Username);
        Assert.Null(created.User.TelegramId);
        Assert.Equal(UserRole.Tutor, created.User.Role);
        Assert.True(created.User.IsActive);

        var read = await host.AsAdmin().GetAsync($"/api/v1/users/{created.User.Id}");
        var body = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain("\"access_code\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(created.AccessCode, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tutor_owns_the_students_they_create()
    {
        var tutor = await host.NewTutorAsync();

        var student = (await host.NewStudentAsync(tutor)).User;

        Assert.Equal(tutor.Id, student.TutorId);
        var read = await host.As(tutor).GetAsync($"/api/v1/users/{student.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(student.Id, (await read.ReadAsync<UserDto>()).Id);
    }

    [Fact]
    public async Task An_admin_names_the_tutor_who_owns_a_new_student()
    {
        var tutor = await host.NewTutorAsync();

        var missing = await host.AsAdmin().PostJsonAsync("/api/v1/users", new { full_name = "Без Тьютора", role = "student" });
        var created = await host.CreateAsync(host.AsAdmin(), new { full_name = "С Тьютором", role = "student", tutor_id = tutor.Id });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.ReadObjectAsync())["errors"]!["tutor_id"] is not null);
        Assert.Equal(tutor.Id, created.User.TutorId);
    }

    [Fact]
    public async Task Partial_update_changes_only_the_fields_given()
    {
        var tutor = await host.NewTutorAsync();
        var student = (await host.CreateAsync(host.As(tutor), new { full_name = "Старое Имя", role = "student", username = "old_name" })).User;

        var response = await host.As(tutor).PutJsonAsync($"/api/v1/users/{student.Id}", new { full_name = "Новое Имя" });

        var updated = await response.ReadAsync<UserDto>();
        Assert.Equal("Новое Имя", updated.FullName);
        Assert.Equal("old_name", updated.Username);
        Assert.True(updated.IsActive);
        Assert.True(updated.UpdatedAt >= student.UpdatedAt);
    }

    [Fact]
    public async Task Setting_is_active_false_deactivates_the_user()
    {
        var tutor = await host.NewTutorAsync();
        var student = (await host.NewStudentAsync(tutor)).User;

        var response = await host.As(tutor).PutJsonAsync($"/api/v1/users/{student.Id}", new { is_active = false });

        Assert.False((await response.ReadAsync<UserDto>()).IsActive);
        Assert.False((await (await host.As(tutor).GetAsync($"/api/v1/users/{student.Id}")).ReadAsync<UserDto>()).IsActive);
    }

    [Fact]
    public async Task Delete_answers_204_and_the_user_is_gone_with_its_links()
    {
        var tutor = await host.NewTutorAsync();
        var parent = await host.NewParentAsync(tutor);
        var student = (await host.CreateAsync(host.As(tutor), new { full_name = "Удаляемый Ученик", role = "student", parent_ids = new[] { parent.Id } })).User;
        Assert.Equal([parent.Id], student.ParentIds);

        var response = await host.As(tutor).DeleteAsync($"/api/v1/users/{student.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.As(tutor).GetAsync($"/api/v1/users/{student.Id}")).StatusCode);
        var parentAfter = await (await host.As(tutor).GetAsync($"/api/v1/users/{parent.Id}")).ReadAsync<UserDto>();
        Assert.Empty(parentAfter.ChildIds);
    }

    [Fact]
    public async Task A_tutor_who_still_owns_users_cannot_be_deleted()
    {
        var tutor = await host.NewTutorAsync();
        await host.NewStudentAsync(tutor);

        var response = await host.AsAdmin().DeleteAsync($"/api/v1/users/{tutor.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_a_person_When_they_send_a_telegram_id_on_create_or_update_Then_it_is_refused_and_nothing_is_linked()
    {
        // Otherwise anyone could tie someone else's Telegram account to an account of their choosing, or probe which
        // Telegram ids are users (a conflict would say so). Not even an admin may: only the owner, through the bot.
        var tutor = await host.NewTutorAsync();
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue);
        var student = (await host.NewStudentAsync(tutor, "Второй Ученик")).User;

        var create = await host.As(tutor).PostJsonAsync("/api/v1/users", new { full_name = "Третий Ученик", role = "student", telegram_id = telegramId });
        var update = await host.AsAdmin().PutJsonAsync($"/api/v1/users/{student.Id}", new { full_name = "Второй Ученик", telegram_id = telegramId });

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Contains("through the bot", (string?)(await create.ReadObjectAsync())["errors"]?["telegram_id"]?[0], StringComparison.Ordinal);
        Assert.NotNull((await update.ReadObjectAsync())["errors"]?["telegram_id"]);
        var stored = await (await host.AsAdmin().GetAsync($"/api/v1/users/{student.Id}")).ReadAsync<UserDto>();
        Assert.Null(stored.TelegramId);
        var all = await (await host.AsAdmin().GetAsync("/api/v1/users?size=100&search=Третий")).ReadAsync<UserPage>();
        Assert.Empty(all.Users);
    }

    [Fact]
    public async Task The_list_pages_filters_by_role_and_searches_names_without_regard_to_case()
    {
        var tutor = await host.NewTutorAsync();
        foreach (var name in new[] { "Иванов Пётр", "иванова Анна", "Сидоров Олег", "IVANOV John", "Петров Иван" })
        {
            await host.NewStudentAsync(tutor, name);
        }

        await host.NewParentAsync(tutor, "Иванов Старший");
        var client = host.As(tutor);

        var page1 = await (await client.GetAsync("/api/v1/users?page=1&size=4")).ReadAsync<UserPage>();
        var page2 = await (await client.GetAsync("/api/v1/users?page=2&size=4")).ReadAsync<UserPage>();
        var pastTheEnd = await (await client.GetAsync("/api/v1/users?page=3&size=4")).ReadAsync<UserPage>();
        var exactlyFull = await (await client.GetAsync("/api/v1/users?page=1&size=7")).ReadAsync<UserPage>();
        var students = await (await client.GetAsync("/api/v1/users?role=student&size=100")).ReadAsync<UserPage>();
        var search = await (await client.GetAsync("/api/v1/users?search=ИВАНОВ")).ReadAsync<UserPage>();
        var latin = await (await client.GetAsync("/api/v1/users?search=ivanov&role=student")).ReadAsync<UserPage>();

        // A tutor sees themselves and what they own: 1 + 5 students + 1 parent.
        Assert.Equal((7, 2, 4), (page1.Total, page1.Pages, page1.Users.Count));
        Assert.Equal((7, 2, 3), (page2.Total, page2.Pages, page2.Users.Count));
        Assert.Equal((7, 2, 0), (pastTheEnd.Total, pastTheEnd.Pages, pastTheEnd.Users.Count));
        Assert.Equal((7, 1, 7), (exactlyFull.Total, exactlyFull.Pages, exactlyFull.Users.Count));
        Assert.Empty(page1.Users.Select(u => u.Id).Intersect(page2.Users.Select(u => u.Id)));
        Assert.Equal(5, students.Total);
        Assert.All(students.Users, u => Assert.Equal(UserRole.Student, u.Role));
        Assert.Equal(["Иванов Пётр", "Иванов Старший", "иванова Анна"], search.Users.Select(u => u.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(["IVANOV John"], latin.Users.Select(u => u.FullName));
    }

    [Fact]
    public async Task The_summaries_page_the_users_of_the_list_with_only_name_role_and_whether_active_and_linked()
    {
        // Arrange: a tutor's three students: one with a parent and Telegram linked, one deactivated, one as created.
        var tutor = await host.NewTutorAsync();
        var parent = await host.NewParentAsync(tutor, "Родитель Сводки");
        var linked = await host.NewStudentAsync(tutor, extra: new { full_name = "Привязанный Ученик", role = "student", parent_ids = new[] { parent.Id } });
        await host.Factory.ServiceClient("auth").PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = linked.AccessCode, telegram_id = Random.Shared.NextInt64(1, long.MaxValue) });
        var inactive = (await host.NewStudentAsync(tutor, "Отключённый Ученик")).User;
        await host.As(tutor).PutJsonAsync($"/api/v1/users/{inactive.Id}", new { is_active = false });
        await host.NewStudentAsync(tutor, "Новый Ученик");
        await host.NewStudentAsync(await host.NewTutorAsync(), "Чужой Ученик");
        var client = host.As(tutor);

        // Act
        var list = await (await client.GetAsync("/api/v1/users?role=student&size=2")).ReadAsync<UserPage>();
        var response = await client.GetAsync("/api/v1/users/summaries?role=student&size=2");
        var raw = await response.Content.ReadAsStringAsync();
        var summaries = System.Text.Json.JsonSerializer.Deserialize<UserSummaryPage>(raw, ApiJson.Options)!;
        var second = await (await client.GetAsync("/api/v1/users/summaries?role=student&size=2&page=2")).ReadAsync<UserSummaryPage>();

        // Assert: the same page of the same users, each as a list shows them, and nothing a list does not need.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((list.Total, list.Page, list.Size, list.Pages), (summaries.Total, summaries.Page, summaries.Size, summaries.Pages));
        Assert.Equal((3, 2), (summaries.Total, summaries.Pages));
        Assert.Equal(
            list.Users.Select(user => new UserSummary(user.Id, user.FullName, user.Role, user.IsActive, user.TelegramId is not null)),
            summaries.Users);
        Assert.Equal(
            [("Привязанный Ученик", true, true), ("Отключённый Ученик", false, false), ("Новый Ученик", true, false)],
            summaries.Users.Concat(second.Users).Select(user => (user.FullName, user.IsActive, user.TelegramLinked)));
        Assert.DoesNotContain("parent_ids", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram_id", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_defaults_to_page_1_of_20()
    {
        var tutor = await host.NewTutorAsync();
        await host.NewStudentAsync(tutor);

        var page = await (await host.As(tutor).GetAsync("/api/v1/users")).ReadAsync<UserPage>();

        Assert.Equal((1, 20, 2, 1), (page.Page, page.Size, page.Total, page.Pages));
    }

    [Fact]
    public async Task A_user_is_found_by_their_telegram_id()
    {
        var tutor = await host.NewTutorAsync();
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue);
        var created = await host.NewStudentAsync(tutor, "Телеграм Ученик");
        var student = created.User;

        // Linked as the bot's login does it: Auth checks the code with the Telegram id.
        await host.Factory.ServiceClient("auth").PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = created.AccessCode, telegram_id = telegramId });

        var found = await host.As(tutor).GetAsync($"/api/v1/users/telegram/{telegramId}");
        var missing = await host.As(tutor).GetAsync($"/api/v1/users/telegram/{telegramId - 1}");
        var otherTutor = await host.As(await host.NewTutorAsync()).GetAsync($"/api/v1/users/telegram/{telegramId}");

        Assert.Equal(student.Id, (await found.ReadAsync<UserDto>()).Id);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTutor.StatusCode);
    }

    [Fact]
    public async Task Health_docs_and_the_openapi_description_are_served_without_a_token()
    {
        var client = host.Factory.CreateClient();

        var health = await host.Factory.ServiceClient("users").GetAsync("/health");
        var docs = await client.GetAsync("/docs/index.html");
        var openApi = await client.GetAsync("/openapi/v1.json");
        var openApiAgain = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", (await health.ReadObjectAsync())["checks"]!["users_database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("/api/v1/users/validate-access-code", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Built once and served from the output cache after that (the cache says so with an Age header).
        Assert.NotNull(openApiAgain.Headers.Age);
        Assert.Equal(await openApi.Content.ReadAsStringAsync(), await openApiAgain.Content.ReadAsStringAsync());
    }
}

public sealed class UsersCrudOnPostgres(PostgresUsersHost host) : UsersCrudTests<PostgresUsersHost>(host);

public sealed class UsersCrudOnSqlite(SqliteUsersHost host) : UsersCrudTests<SqliteUsersHost>(host);

public sealed class UsersCrudThroughUserService(RemoteUsersHost host) : UsersCrudTests<RemoteUsersHost>(host);
