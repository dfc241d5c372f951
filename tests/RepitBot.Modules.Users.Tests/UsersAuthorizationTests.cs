using System.Net;
using System.Net.Http.Headers;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

public abstract class UsersAuthorizationTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task Tutor_A_cannot_reach_tutor_Bs_student_and_is_told_it_does_not_exist()
    {
        var tutorA = await host.NewTutorAsync("Тьютор А");
        var tutorB = await host.NewTutorAsync("Тьютор Б");
        var studentOfB = (await host.NewStudentAsync(tutorB)).User;
        var asA = host.As(tutorA);

        var get = await asA.GetAsync($"/api/v1/users/{studentOfB.Id}");
        var put = await asA.PutJsonAsync($"/api/v1/users/{studentOfB.Id}", new { full_name = "Чужой" });
        var delete = await asA.DeleteAsync($"/api/v1/users/{studentOfB.Id}");
        var reissue = await asA.PostAsync($"/api/v1/users/{studentOfB.Id}/access-code", null);
        var list = await (await asA.GetAsync("/api/v1/users?size=100")).ReadAsync<UserPage>();
        var summaries = await (await asA.GetAsync("/api/v1/users/summaries?size=100")).ReadAsync<UserSummaryPage>();

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reissue.StatusCode);
        Assert.DoesNotContain(list.Users, u => u.Id == studentOfB.Id);
        Assert.DoesNotContain(summaries.Users, u => u.Id == studentOfB.Id);
        var stillThere = await (await host.As(tutorB).GetAsync($"/api/v1/users/{studentOfB.Id}")).ReadAsync<UserDto>();
        Assert.Equal(studentOfB.FullName, stillThere.FullName);
    }

    [Fact]
    public async Task A_tutor_cannot_create_a_student_for_another_tutor()
    {
        var tutorA = await host.NewTutorAsync();
        var tutorB = await host.NewTutorAsync();

        var response = await host.As(tutorA).PostJsonAsync("/api/v1/users", new { full_name = "Подкидыш", role = "student", tutor_id = tutorB.Id });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("tutor")]
    [InlineData("admin")]
    public async Task A_tutor_cannot_create_tutors_or_admins(string role)
    {
        var tutor = await host.NewTutorAsync();

        var response = await host.As(tutor).PostJsonAsync("/api/v1/users", new { full_name = "Новый Начальник", role });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_can_create_an_admin()
    {
        var response = await host.AsAdmin().PostJsonAsync("/api/v1/users", new { full_name = "Второй Админ", role = "admin" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(UserRole.Admin, (await response.ReadAsync<UserWithAccessCode>()).User.Role);
    }

    [Fact]
    public async Task A_student_reads_themselves_and_only_their_tutors_name_and_changes_nothing()
    {
        var tutor = await host.NewTutorAsync();
        var student = (await host.NewStudentAsync(tutor, "Ученик Один")).User;
        var classmate = (await host.NewStudentAsync(tutor, "Ученик Два")).User;
        var asStudent = host.As(student);

        var self = await asStudent.GetAsync($"/api/v1/users/{student.Id}");
        var other = await asStudent.GetAsync($"/api/v1/users/{classmate.Id}");
        var theirTutor = await asStudent.GetAsync($"/api/v1/users/{tutor.Id}");
        var list = await (await asStudent.GetAsync("/api/v1/users")).ReadAsync<UserPage>();
        var update = await asStudent.PutJsonAsync($"/api/v1/users/{student.Id}", new { full_name = "Самозванец" });
        var create = await asStudent.PostJsonAsync("/api/v1/users", new { full_name = "Друг Ученика", role = "student" });
        var delete = await asStudent.DeleteAsync($"/api/v1/users/{student.Id}");

        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirTutor.StatusCode);
        Assert.Equal([student.Id], list.Users.Select(u => u.Id));
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task A_student_reads_the_name_and_role_of_their_parents_and_tutor_and_nothing_of_another_family()
    {
        // Arrange: the student's family (tutor, parent), and another family of the same tutor and of another tutor.
        var tutor = await host.NewTutorAsync("Тьютор Семьи");
        var otherTutor = await host.NewTutorAsync("Тьютор Чужой");
        var parent = await host.NewParentAsync(tutor, "Родитель Свой");
        var otherParent = await host.NewParentAsync(tutor, "Родитель Соседа");
        var foreignParent = await host.NewParentAsync(otherTutor, "Родитель Чужой");
        var student = (await host.CreateAsync(host.As(tutor), new { full_name = "Ученик Семьи", role = "student", parent_ids = new[] { parent.Id } })).User;
        var classmate = (await host.CreateAsync(host.As(tutor), new { full_name = "Ученик Соседний", role = "student", parent_ids = new[] { otherParent.Id } })).User;
        var asStudent = host.As(student);

        // Act
        var ownParent = await (await asStudent.GetAsync($"/api/v1/users/{parent.Id}")).ReadAsync<UserDto>();
        var ownTutor = await (await asStudent.GetAsync($"/api/v1/users/{tutor.Id}")).ReadAsync<UserDto>();
        var parentsTutor = await (await host.As(parent).GetAsync($"/api/v1/users/{tutor.Id}")).ReadAsync<UserDto>();
        var refused = new[]
        {
            await asStudent.GetAsync($"/api/v1/users/{classmate.Id}"),
            await asStudent.GetAsync($"/api/v1/users/{otherParent.Id}"),
            await asStudent.GetAsync($"/api/v1/users/{foreignParent.Id}"),
            await asStudent.GetAsync($"/api/v1/users/{otherTutor.Id}"),
            await host.As(parent).GetAsync($"/api/v1/users/{otherTutor.Id}"),
            await asStudent.PutJsonAsync($"/api/v1/users/{parent.Id}", new { full_name = "Переименован" }),
        };
        var list = await (await asStudent.GetAsync("/api/v1/users")).ReadAsync<UserPage>();

        // Assert: names and roles, and nothing else of theirs (no Telegram account, owner, links or dates).
        Assert.Equal(("Родитель Свой", UserRole.Parent), (ownParent.FullName, ownParent.Role));
        Assert.Equal(("Тьютор Семьи", UserRole.Tutor), (ownTutor.FullName, ownTutor.Role));
        Assert.Equal("Тьютор Семьи", parentsTutor.FullName);
        Assert.Null(ownParent.TutorId);
        Assert.Empty(ownParent.ChildIds);
        Assert.Equal(default, ownTutor.CreatedAt);
        Assert.All(refused, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal([student.Id], list.Users.Select(u => u.Id));
    }

    [Fact]
    public async Task A_parent_reads_their_own_children_and_not_another_parents_child()
    {
        var tutor = await host.NewTutorAsync();
        var parent = await host.NewParentAsync(tutor, "Родитель Первый");
        var otherParent = await host.NewParentAsync(tutor, "Родитель Второй");
        var child = (await host.CreateAsync(host.As(tutor), new { full_name = "Свой Ребёнок", role = "student", parent_ids = new[] { parent.Id } })).User;
        var otherChild = (await host.CreateAsync(host.As(tutor), new { full_name = "Чужой Ребёнок", role = "student", parent_ids = new[] { otherParent.Id } })).User;
        var asParent = host.As(parent);

        var own = await asParent.GetAsync($"/api/v1/users/{child.Id}");
        var foreign = await asParent.GetAsync($"/api/v1/users/{otherChild.Id}");
        var otherParentRead = await asParent.GetAsync($"/api/v1/users/{otherParent.Id}");
        var list = await (await asParent.GetAsync("/api/v1/users")).ReadAsync<UserPage>();
        var updateChild = await asParent.PutJsonAsync($"/api/v1/users/{child.Id}", new { full_name = "Переименован" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherParentRead.StatusCode);
        Assert.Equal(new[] { parent.Id, child.Id }.Order(), list.Users.Select(u => u.Id).Order());
        Assert.Equal(HttpStatusCode.Forbidden, updateChild.StatusCode);
    }

    [Fact]
    public async Task Without_credentials_every_endpoint_answers_401_problem()
    {
        var client = host.Factory.CreateClient();

        var responses = new[]
        {
            await client.GetAsync("/api/v1/users"),
            await client.GetAsync("/api/v1/users/1"),
            await client.PostJsonAsync("/api/v1/users", new { full_name = "Никто", role = "tutor" }),
            await client.PutJsonAsync("/api/v1/users/1", new { full_name = "Никто" }),
            await client.DeleteAsync("/api/v1/users/1"),
            await client.PostAsync("/api/v1/users/1/access-code", null),
            await client.PutAsync("/api/v1/users/1/parents/2", null),
            await client.DeleteAsync("/api/v1/users/1/parents/2"),
            await client.GetAsync("/api/v1/users/telegram/1"),
            await client.PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = "0000-0000-0000-0000" }),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    public static TheoryData<string> BadTokens()
    {
        // Expiry and its 30-second skew are shown with a driven clock in the Auth tests.
        return new TheoryData<string> { "wrong key", "alg none", "wrong issuer", "wrong audience", "wrong type", "no type", "unknown role", "garbage" };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_tampered_or_expired_token_is_rejected(string kind)
    {
        var tokens = host.Factory.Tokens;
        var adminId = host.Admin.Id;
        var token = kind switch
        {
            "wrong key" => tokens.For(adminId, "admin", key: TestSecrets.NewJwtKey()),
            "alg none" => tokens.Unsigned(adminId, "admin"),
            "wrong issuer" => tokens.For(adminId, "admin", tokenIssuer: "someone-else"),
            "wrong audience" => tokens.For(adminId, "admin", tokenAudience: "another-api"),
            "wrong type" => tokens.For(adminId, "admin", type: "rt+jwt"),
            "no type" => tokens.For(adminId, "admin", type: null),
            "unknown role" => tokens.For(adminId, "superuser"),
            _ => "not.a.token",
        };
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_service_key_is_rejected()
    {
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Service-Key", TestSecrets.NewServiceKey());

        var response = await client.PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = "0000-0000-0000-0000" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class UsersAuthorizationOnPostgres(PostgresUsersHost host) : UsersAuthorizationTests<PostgresUsersHost>(host);

public sealed class UsersAuthorizationOnSqlite(SqliteUsersHost host) : UsersAuthorizationTests<SqliteUsersHost>(host);

public sealed class UsersAuthorizationThroughUserService(RemoteUsersHost host) : UsersAuthorizationTests<RemoteUsersHost>(host);
