using System.Linq.Expressions;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;
using Xunit;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;
using static RepitBot.Shared.Contracts.Permissions.PermissionResources;

namespace RepitBot.Shared.Tests;

public sealed class PermissionScopesTests
{
    private const long TutorId = 1;
    private const long ParentId = 2;

    private static readonly Person Tutor = new(TutorId, UserRole.Tutor, null, []);
    private static readonly Person Parent = new(ParentId, UserRole.Parent, TutorId, []);
    private static readonly Person Child = new(3, UserRole.Student, TutorId, [ParentId]);
    private static readonly Person OtherChild = new(4, UserRole.Student, TutorId, []);
    private static readonly Person ForeignChild = new(5, UserRole.Student, 99, []);
    private static readonly Person[] Everyone = [Tutor, Parent, Child, OtherChild, ForeignChild];

    /// <summary>A user type of its own, as a module would have, described to the rule by its shape.</summary>
    private static readonly Expression<Func<Person, ScopeTarget>> Shape = person => new ScopeTarget
    {
        Id = person.Key,
        Role = person.Kind,
        TutorId = person.Owner,
        ParentIds = person.Parents,
    };

    [Theory]
    [InlineData(UserRole.Tutor, TutorId, Read, new long[] { TutorId, ParentId, 3, 4 })]
    [InlineData(UserRole.Tutor, TutorId, Update, new long[] { ParentId, 3, 4 })]
    [InlineData(UserRole.Parent, ParentId, Read, new long[] { ParentId, 3 })]
    [InlineData(UserRole.Student, 3L, Read, new long[] { 3 })]
    [InlineData(UserRole.Student, 3L, Update, new long[] { })]
    [InlineData(UserRole.Admin, 50L, Delete, new long[] { TutorId, ParentId, 3, 4, 5 })]
    public void Given_a_caller_Then_the_filter_reaches_own_owned_children_or_all_as_the_table_says(UserRole role, long callerId, string action, long[] expected)
    {
        var filter = PermissionScopes.Filter(Caller.Person(callerId, role), action, Shape).Compile();

        Assert.Equal(expected, Everyone.Where(filter).Select(person => person.Key));
    }

    [Fact]
    public void Given_the_same_question_Then_the_filter_and_a_check_on_one_target_answer_alike()
    {
        var callers = new[] { Caller.Person(TutorId, UserRole.Tutor), Caller.Person(ParentId, UserRole.Parent), Caller.Person(3, UserRole.Student), Caller.Service("internal") };
        foreach (var caller in callers)
        {
            foreach (var action in new[] { Read, Create, Update, Delete, ReissueCode, LinkParents })
            {
                var filter = PermissionScopes.Filter(caller, action, Shape).Compile();
                foreach (var person in Everyone)
                {
                    var target = new ScopeTarget { Id = person.Key, Role = person.Kind, TutorId = person.Owner, ParentIds = person.Parents };
                    Assert.True(filter(person) == PermissionScopes.Reaches(caller, ForUser(person.Kind), action, target), $"{caller} {action} {person}");
                }
            }
        }
    }

    [Fact]
    public void Given_a_filter_for_one_role_Then_it_reaches_exactly_the_users_of_that_role_the_whole_filter_reaches()
    {
        var callers = new[] { Caller.Person(TutorId, UserRole.Tutor), Caller.Person(ParentId, UserRole.Parent), Caller.Person(3, UserRole.Student), Caller.Person(50, UserRole.Admin), Caller.Service("internal") };
        foreach (var caller in callers)
        {
            foreach (var action in new[] { Read, Update, Delete })
            {
                var whole = PermissionScopes.Filter(caller, action, Shape).Compile();
                foreach (var role in Enum.GetValues<UserRole>())
                {
                    var ofRole = PermissionScopes.Filter(caller, action, Shape, ofRole: role).Compile();
                    Assert.Equal(Everyone.Where(whole).Where(person => person.Kind == role).Select(person => person.Key), Everyone.Where(ofRole).Select(person => person.Key));
                }
            }
        }
    }

    [Fact]
    public void Given_a_resource_of_one_kind_of_user_Then_a_target_of_another_kind_is_outside_it()
    {
        var tutor = Caller.Person(TutorId, UserRole.Tutor);
        var ownedParent = new ScopeTarget { Id = ParentId, Role = UserRole.Parent, TutorId = TutorId, ParentIds = [] };

        Assert.True(PermissionScopes.Reaches(tutor, Parents, Update, ownedParent));
        Assert.False(PermissionScopes.Reaches(tutor, Students, Update, ownedParent));
    }

    [Fact]
    public void Given_a_user_about_to_be_created_Then_a_tutor_reaches_only_one_they_will_own()
    {
        var tutor = Caller.Person(TutorId, UserRole.Tutor);

        Assert.True(PermissionScopes.Reaches(tutor, Students, Create, ScopeTarget.NewUser(UserRole.Student, TutorId)));
        Assert.False(PermissionScopes.Reaches(tutor, Students, Create, ScopeTarget.NewUser(UserRole.Student, 99)));
        Assert.False(PermissionScopes.Reaches(tutor, Tutors, Create, ScopeTarget.NewUser(UserRole.Tutor, null)));
    }

    [Fact]
    public void Given_a_shape_that_is_not_an_object_initializer_Then_the_filter_is_refused()
    {
        Expression<Func<Person, ScopeTarget>> opaque = person => ToTarget(person);

        Assert.Throws<ArgumentException>(() => PermissionScopes.Filter(Caller.Person(TutorId, UserRole.Tutor), Read, opaque));
    }

    private static ScopeTarget ToTarget(Person person) => new() { Id = person.Key, Role = person.Kind, TutorId = person.Owner, ParentIds = person.Parents };

    public sealed record Person(long Key, UserRole Kind, long? Owner, long[] Parents);
}
