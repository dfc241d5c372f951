using System.Net;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

public abstract class ParentLinkTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task A_tutor_links_and_unlinks_a_parent_and_both_sides_see_it()
    {
        var tutor = await host.NewTutorAsync();
        var parent = await host.NewParentAsync(tutor);
        var child = (await host.NewStudentAsync(tutor)).User;
        var asTutor = host.As(tutor);

        var link = await asTutor.PutAsync($"/api/v1/users/{child.Id}/parents/{parent.Id}", null);
        var linkAgain = await asTutor.PutAsync($"/api/v1/users/{child.Id}/parents/{parent.Id}", null);
        var parentView = await (await asTutor.GetAsync($"/api/v1/users/{parent.Id}")).ReadAsync<UserDto>();
        var unlink = await asTutor.DeleteAsync($"/api/v1/users/{child.Id}/parents/{parent.Id}");
        var unlinkAgain = await asTutor.DeleteAsync($"/api/v1/users/{child.Id}/parents/{parent.Id}");
        var childAfter = await (await asTutor.GetAsync($"/api/v1/users/{child.Id}")).ReadAsync<UserDto>();

        Assert.Equal([parent.Id], (await link.ReadAsync<UserDto>()).ParentIds);
        Assert.Equal([parent.Id], (await linkAgain.ReadAsync<UserDto>()).ParentIds);
        Assert.Equal([child.Id], parentView.ChildIds);
        Assert.Equal(HttpStatusCode.NoContent, unlink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unlinkAgain.StatusCode);
        Assert.Empty(childAfter.ParentIds);
    }

    [Fact]
    public async Task A_child_has_at_most_two_parents()
    {
        var tutor = await host.NewTutorAsync();
        var parents = new[] { await host.NewParentAsync(tutor, "Мама"), await host.NewParentAsync(tutor, "Папа"), await host.NewParentAsync(tutor, "Отчим") };
        var child = (await host.CreateAsync(host.As(tutor), new { full_name = "Ребёнок", role = "student", parent_ids = new[] { parents[0].Id, parents[1].Id } })).User;

        var third = await host.As(tutor).PutAsync($"/api/v1/users/{child.Id}/parents/{parents[2].Id}", null);

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        var after = await (await host.As(tutor).GetAsync($"/api/v1/users/{child.Id}")).ReadAsync<UserDto>();
        Assert.Equal(new[] { parents[0].Id, parents[1].Id }.Order(), after.ParentIds);
    }

    [Fact]
    public async Task Only_a_parent_can_be_linked_and_only_to_a_student()
    {
        var tutor = await host.NewTutorAsync();
        var student = (await host.NewStudentAsync(tutor, "Ученик")).User;
        var notAParent = (await host.NewStudentAsync(tutor, "Тоже Ученик")).User;
        var parent = await host.NewParentAsync(tutor);

        var studentAsParent = await host.As(tutor).PutAsync($"/api/v1/users/{student.Id}/parents/{notAParent.Id}", null);
        var parentAsChild = await host.As(tutor).PutAsync($"/api/v1/users/{parent.Id}/parents/{parent.Id}", null);

        Assert.Equal(HttpStatusCode.BadRequest, studentAsParent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, parentAsChild.StatusCode);
    }

    [Fact]
    public async Task Another_tutors_parent_cannot_be_linked()
    {
        var tutor = await host.NewTutorAsync();
        var otherTutor = await host.NewTutorAsync();
        var child = (await host.NewStudentAsync(tutor)).User;
        var foreignParent = await host.NewParentAsync(otherTutor);

        var asTutor = await host.As(tutor).PutAsync($"/api/v1/users/{child.Id}/parents/{foreignParent.Id}", null);
        var asAdmin = await host.AsAdmin().PutAsync($"/api/v1/users/{child.Id}/parents/{foreignParent.Id}", null);

        Assert.Equal(HttpStatusCode.NotFound, asTutor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asAdmin.StatusCode);
    }

    [Fact]
    public async Task A_parent_cannot_link_themselves_to_a_child()
    {
        var tutor = await host.NewTutorAsync();
        var parent = await host.NewParentAsync(tutor);
        var child = (await host.NewStudentAsync(tutor)).User;

        var response = await host.As(parent).PutAsync($"/api/v1/users/{child.Id}/parents/{parent.Id}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class ParentLinkOnPostgres(PostgresUsersHost host) : ParentLinkTests<PostgresUsersHost>(host);

public sealed class ParentLinkOnSqlite(SqliteUsersHost host) : ParentLinkTests<SqliteUsersHost>(host);

public sealed class ParentLinkThroughUserService(RemoteUsersHost host) : ParentLinkTests<RemoteUsersHost>(host);
