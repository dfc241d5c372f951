using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;

namespace RepitBot.Modules.Users.Tests;

/// <summary>
/// The read of one user by id and the list's page and count run as compiled queries per kind of caller (issues 12 and
/// 9); they must find exactly the users the permission filter lets the caller read, for every kind of caller, on a real
/// database.
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

    [Fact]
    public async Task Given_every_kind_of_caller_Then_the_compiled_page_summaries_and_count_hold_exactly_the_users_the_filter_lets_it_read()
    {
        // Arrange: two tutors, each with a student whose name holds the search term; the first also a parent.
        var tutor = await host.NewTutorAsync("Тьютор Списка");
        var otherTutor = await host.NewTutorAsync("Тьютор Чужой");
        var parent = await host.NewParentAsync(tutor, "Родитель Списка");
        var student = (await host.NewStudentAsync(tutor, extra: new { full_name = "Ученик Искомый", role = "student", parent_ids = new[] { parent.Id } })).User;
        var foreignStudent = (await host.NewStudentAsync(otherTutor, "Чужой Искомый")).User;
        UserDto[] users = [host.Admin, tutor, otherTutor, parent, student, foreignStudent];
        Caller[] callers = [.. users.Select(user => Caller.Person(user.Id, user.Role)), Caller.Service("internal")];
        (UserRole? Role, string? Search)[] lists = [(null, null), (UserRole.Student, null), (UserRole.Parent, null), (null, "искомый"), (UserRole.Student, "искомый")];

        // Act
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var disagreements = new List<string>();
        foreach (var caller in callers)
        {
            foreach (var (role, search) in lists)
            {
                var page = CompiledUserReads.PageFor(db, caller, Read, role);
                var summaries = CompiledUserReads.SummaryPageFor(db, caller, Read, role);
                var count = CompiledUserReads.CountFor(db, caller, Read, role);
                Assert.NotNull(page);
                Assert.NotNull(summaries);
                Assert.NotNull(count);
                var byFilter = db.Users.Where(UserAccess.Filter(caller, Read));
                byFilter = role is { } only ? byFilter.Where(user => user.Role == only) : byFilter;
                byFilter = search is not null ? byFilter.Where(user => user.SearchName.Contains(search)) : byFilter;
                var expected = await byFilter.OrderBy(user => user.Id).Select(user => user.Id).ToListAsync();
                var all = await page(db, caller.UserId ?? 0, role, search, 0, 1000).Select(user => user.Id).ToListAsync();
                var second = await page(db, caller.UserId ?? 0, role, search, 1, 1).Select(user => user.Id).ToListAsync();
                var summarized = await summaries(db, caller.UserId ?? 0, role, search, 0, 1000).Select(user => user.Id).ToListAsync();
                var total = await count(db, caller.UserId ?? 0, role, search, CancellationToken.None);
                if (!all.SequenceEqual(expected) || !second.SequenceEqual(expected.Skip(1).Take(1)) || !summarized.SequenceEqual(expected) || total != expected.Count)
                {
                    disagreements.Add($"{caller.Role?.ToString() ?? "service"} {caller.UserId}, role {role}, search {search}: filter [{string.Join(',', expected)}], " +
                                      $"compiled [{string.Join(',', all)}], second [{string.Join(',', second)}], summaries [{string.Join(',', summarized)}], count {total}");
                }
            }
        }

        // Assert
        Assert.True(disagreements.Count == 0, "The compiled list departs from the filter:\n" + string.Join('\n', disagreements));
    }
}

public sealed class CompiledUserReadsOnPostgres(PostgresUsersHost host) : CompiledUserReadsTests<PostgresUsersHost>(host);

public sealed class CompiledUserReadsOnSqlite(SqliteUsersHost host) : CompiledUserReadsTests<SqliteUsersHost>(host);
