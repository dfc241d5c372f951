using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;
using Xunit;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;
using static RepitBot.Shared.Contracts.Permissions.PermissionResources;

namespace RepitBot.Shared.Tests;

public sealed class PermissionTableTests
{
    public static TheoryData<string> ManageActions => [Read, Create, Update, Delete, ReissueCode];

    public static TheoryData<UserRole> Roles => [.. Enum.GetValues<UserRole>()];

    [Theory]
    [InlineData(UserRole.Student, Tutors, Read)]
    [InlineData(UserRole.Student, Parents, Read)]
    [InlineData(UserRole.Student, Students, Update)]
    [InlineData(UserRole.Student, Students, Create)]
    [InlineData(UserRole.Parent, Students, Update)]
    [InlineData(UserRole.Parent, Students, Delete)]
    [InlineData(UserRole.Parent, Tutors, Read)]
    [InlineData(UserRole.Tutor, Admins, Read)]
    [InlineData(UserRole.Tutor, Tutors, Create)]
    [InlineData(UserRole.Admin, Students, "nonexistent_action")]
    [InlineData(UserRole.Admin, "nonexistent_resource", Read)]
    public void Given_a_combination_the_table_does_not_list_Then_it_is_denied(UserRole role, string resource, string action)
    {
        Assert.Equal(PermissionScope.None, PermissionTable.ScopeOf(role, resource, action));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Given_a_person_of_any_role_Then_checking_access_codes_is_denied(UserRole role)
    {
        // Only the modules themselves, with the internal credential, check access codes.
        Assert.Equal(PermissionScope.None, PermissionTable.ScopeOf(role, PermissionResources.AccessCodes, ValidateAccessCode));
        Assert.Equal(PermissionScope.None, PermissionTable.ScopeOf(Caller.Person(1, role), PermissionResources.AccessCodes, ValidateAccessCode));
    }

    [Theory]
    [MemberData(nameof(ManageActions))]
    public void Given_a_tutor_Then_students_are_managed_within_the_owned_scope_only(string action)
    {
        Assert.Equal(PermissionScope.Owned, PermissionTable.ScopeOf(UserRole.Tutor, Students, action));
    }

    [Fact]
    public void Given_a_tutor_Then_linking_parents_to_students_is_within_the_owned_scope()
    {
        Assert.Equal(PermissionScope.Owned, PermissionTable.ScopeOf(UserRole.Tutor, Students, LinkParents));
    }

    [Fact]
    public void Given_a_parent_Then_students_are_read_within_the_children_scope_only()
    {
        Assert.Equal(PermissionScope.Children, PermissionTable.ScopeOf(UserRole.Parent, Students, Read));
        Assert.Equal(PermissionScope.None, PermissionTable.ScopeOf(UserRole.Parent, Students, LinkParents));
    }

    [Fact]
    public void Given_a_student_Then_only_their_own_record_is_read()
    {
        Assert.Equal(PermissionScope.Own, PermissionTable.ScopeOf(UserRole.Student, Students, Read));
    }

    [Theory]
    [MemberData(nameof(ManageActions))]
    public void Given_an_admin_Then_every_kind_of_user_is_managed_in_full(string action)
    {
        foreach (var resource in new[] { Admins, Tutors, Students, Parents })
        {
            Assert.Equal(PermissionScope.All, PermissionTable.ScopeOf(UserRole.Admin, resource, action));
        }
    }

    [Fact]
    public void Given_a_person_as_caller_Then_the_scope_is_their_role_s()
    {
        Assert.Equal(PermissionScope.Owned, PermissionTable.ScopeOf(Caller.Person(7, UserRole.Tutor), Students, Update));
        Assert.Equal(PermissionScope.Children, PermissionTable.ScopeOf(Caller.Person(8, UserRole.Parent), Students, Read));
        Assert.Equal(PermissionScope.None, PermissionTable.ScopeOf(Caller.Person(9, UserRole.Student), Students, Delete));
    }

    [Theory]
    [InlineData(PermissionResources.AccessCodes, ValidateAccessCode)]
    [InlineData(Students, Delete)]
    [InlineData(Admins, Create)]
    public void Given_the_internal_service_as_caller_Then_the_scope_is_all(string resource, string action)
    {
        Assert.Equal(PermissionScope.All, PermissionTable.ScopeOf(Caller.Service("internal"), resource, action));
    }
}
