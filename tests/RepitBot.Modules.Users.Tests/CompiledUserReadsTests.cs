using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;

namespace RepitBot.Modules.Users.Tests;

/// <summary>
/// The read of one user by id runs as a compiled query per kind of caller (issue 12); it must find exactly the users
/// the permission filter lets the caller read, for every kind of caller, on a real database.
/// </summary>
public abstract class CompiledUserReadsTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task Given_every_kind_of_caller_Then_the_compiled_read_finds_exactly_the_users_the_filter_lets_it_read()
    {
        // Arrange: two tutors; the first owns a parent with a child, the second a child of its own.
        var tutor = await host.NewTutorAsync("Тьютор Первый");
        var otherTutor = await host.NewTutorAsync("Тьютор Второй");
        var parent = await host.NewParentAsync(tutor, "Родитель Первый");
        var student = (await host.NewStudentAsync(tutor, extra: new { full_name = "Ученик Первый", role = "student", parent_ids = new[] { parent.Id } })).User;
        var foreignStudent = (await host.NewStudentAsync(otherTutor, "Ученик Второй")).User;
        UserDto[] users = [host.Admin, tutor, otherTutor, parent, student, foreignStudent];
        Caller[] callers = [.. users.Select(user => Caller.Person(user.Id, user.Role)), Caller.Service("internal")];

        // Act
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var uncompiled = new List<string>();
        var disagreements = new List<string>();
        foreach (var caller in callers)
        {
            var read = CompiledUserReads.For(db, caller, Read);
            if (read is null)
            {
                uncompiled.Add($"{caller.Role?.ToString() ?? "service"} {caller.UserId}");
                continue;
            }

            foreach (var target in users)
            {
                var byFilter = await db.Users.Where(UserAccess.Filter(caller, Read)).AnyAsync(user => user.Id == target.Id);
                var found = await read(db, caller.UserId ?? 0, target.Id, CancellationToken.None);
                if ((found is not null) != byFilter || (found is not null && (found.Id != target.Id || found.Parents.Count != target.ParentIds.Count)))
                {
                    disagreements.Add($"{caller.Role?.ToString() ?? "service"} {caller.UserId} reads {target.Id}: filter {byFilter}, compiled {found?.Id}");
                }
            }
        }

        // Assert
        Assert.True(uncompiled.Count == 0, "Not compiled for:\n" + string.Join('\n', uncompiled));
        Assert.True(disagreements.Count == 0, "The compiled read departs from the filter:\n" + string.Join('\n', disagreements));
    }
}

public sealed class CompiledUserReadsOnPostgres(PostgresUsersHost host) : CompiledUserReadsTests<PostgresUsersHost>(host);

public sealed class CompiledUserReadsOnSqlite(SqliteUsersHost host) : CompiledUserReadsTests<SqliteUsersHost>(host);
