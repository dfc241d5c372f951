using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;

namespace RepitBot.Modules.Users.Tests;

/// <summary>
/// One table of callers x targets x actions, asked two ways: the Users module's filter, run as SQL on a real
/// database, and the Auth module's check-permission in process. They must agree with each other and with the table.
/// </summary>
public abstract class PermissionAgreementTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    private static readonly string[] Actions = [Read, ReadPublic, Create, Update, Delete, ReissueCode, LinkParents];

    private static readonly string[] Manage = [Read, Create, Update, Delete, ReissueCode];

    private static readonly string[] ManageAndLink = [.. Manage, LinkParents];

    [Fact]
    public async Task Given_one_table_of_callers_targets_and_actions_Then_the_database_filter_and_check_permission_agree()
    {
        // Arrange: two tutors; the first owns two parents, each with a child of their own; the second owns one of each.
        var tutor = await host.NewTutorAsync("Тьютор Свой");
        var otherTutor = await host.NewTutorAsync("Тьютор Другой");
        var parent = await host.NewParentAsync(tutor, "Родитель Свой");
        var otherParent = await host.NewParentAsync(tutor, "Родитель Другой");
        var student = (await host.NewStudentAsync(tutor, extra: new { full_name = "Ученик Свой", role = "student", parent_ids = new[] { parent.Id } })).User;
        var otherStudent = (await host.NewStudentAsync(tutor, extra: new { full_name = "Ученик Другой", role = "student", parent_ids = new[] { otherParent.Id } })).User;
        var foreignParent = await host.NewParentAsync(otherTutor, "Родитель Чужой");
        var foreignStudent = (await host.NewStudentAsync(otherTutor, extra: new { full_name = "Ученик Чужой", role = "student", parent_ids = new[] { foreignParent.Id } })).User;

        var targets = new Dictionary<string, UserDto>
        {
            ["admin"] = host.Admin, ["tutor"] = tutor, ["other tutor"] = otherTutor,
            ["parent"] = parent, ["other parent"] = otherParent, ["student"] = student, ["other student"] = otherStudent,
            ["foreign parent"] = foreignParent, ["foreign student"] = foreignStudent,
        };
        Caller Person(UserDto user) => Caller.Person(user.Id, user.Role, host.Factory.Tokens.For(user.Id, user.Role.ToString().ToLowerInvariant()));
        var callers = new Dictionary<string, Caller>
        {
            ["admin"] = Person(host.Admin), ["tutor"] = Person(tutor), ["other tutor"] = Person(otherTutor),
            ["student"] = Person(student), ["parent"] = Person(parent), ["other parent"] = Person(otherParent),
            ["service"] = Caller.Service("internal"),
        };

        // What the table promises, written out by hand; every other combination is denied.
        var allowed = new List<(string Caller, string Target, string[] Actions)>
        {
            ("tutor", "tutor", [Read]), ("tutor", "parent", Manage), ("tutor", "other parent", Manage),
            ("tutor", "student", ManageAndLink), ("tutor", "other student", ManageAndLink),
            ("other tutor", "other tutor", [Read]), ("other tutor", "foreign parent", Manage), ("other tutor", "foreign student", ManageAndLink),
            ("student", "student", [Read]),
            ("parent", "parent", [Read]), ("parent", "student", [Read]),
            ("other parent", "other parent", [Read]), ("other parent", "other student", [Read]),

            // The family: a student names their parents and tutor, a parent their tutor; another family's stay hidden.
            ("student", "parent", [ReadPublic]), ("student", "tutor", [ReadPublic]),
            ("parent", "tutor", [ReadPublic]), ("other parent", "tutor", [ReadPublic]),
        };
        foreach (var target in targets.Keys)
        {
            allowed.Add(("admin", target, targets[target].Role == UserRole.Student ? ManageAndLink : Manage));
            allowed.Add(("service", target, Actions));
        }

        // Act
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var lookup = scope.ServiceProvider.GetRequiredService<UserLookup>();
        var auth = scope.ServiceProvider.GetRequiredService<IAuthModule>();
        var ids = targets.Values.Select(user => user.Id).ToList();
        var disagreements = new List<string>();
        var departures = new List<string>();
        foreach (var (callerName, caller) in callers)
        {
            foreach (var action in Actions)
            {
                var reachable = await db.Users.Where(await lookup.FilterAsync(caller, action, CancellationToken.None)).Where(user => ids.Contains(user.Id)).Select(user => user.Id).ToListAsync();
                foreach (var (targetName, target) in targets)
                {
                    var request = new CheckPermissionRequest(PermissionResources.ForUser(target.Role), action, target.Id);
                    var decision = await auth.CheckPermissionAsync(caller, request, ClientInfo.Unknown, CancellationToken.None);
                    Assert.True(decision.IsSuccess, decision.IsSuccess ? null : decision.Error.Detail);

                    var byFilter = reachable.Contains(target.Id);
                    var byCheck = decision.Value.Allowed;
                    // Whoever may read a user may read its public fields.
                    var expected = allowed.Any(row => row.Caller == callerName && row.Target == targetName
                        && (row.Actions.Contains(action) || (action == ReadPublic && row.Actions.Contains(Read))));
                    var line = $"{callerName} {action} {targetName}: filter {byFilter}, check-permission {byCheck}, table {expected}";
                    if (byFilter != byCheck)
                    {
                        disagreements.Add(line);
                    }
                    else if (byFilter != expected)
                    {
                        departures.Add(line);
                    }
                }
            }
        }

        // Assert
        Assert.True(disagreements.Count == 0, "The two sides disagree:\n" + string.Join('\n', disagreements));
        Assert.True(departures.Count == 0, "Both sides depart from the table:\n" + string.Join('\n', departures));
    }
}

public sealed class PermissionAgreementOnPostgres(PostgresUsersHost host) : PermissionAgreementTests<PostgresUsersHost>(host);

public sealed class PermissionAgreementOnSqlite(SqliteUsersHost host) : PermissionAgreementTests<SqliteUsersHost>(host);
