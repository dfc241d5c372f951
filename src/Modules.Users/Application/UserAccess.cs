using System.Linq.Expressions;
using RepitBot.Modules.Users.Domain;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// The shared <see cref="PermissionTable"/> as a query filter: the users a caller may act on for one action, decided
/// by <see cref="PermissionScopes"/>. The same filter serves lists and single users, so what a list shows and what a
/// GET finds never disagree.
/// </summary>
internal static class UserAccess
{
    /// <summary>A <see cref="User"/> as the scopes see it; translated to SQL, parents as an EXISTS over the links.</summary>
    private static readonly Expression<Func<User, ScopeTarget>> Shape = user => new ScopeTarget
    {
        Id = user.Id,
        Role = user.Role,
        TutorId = user.TutorId,
        ParentIds = user.Parents.Select(link => link.ParentId),
    };

    /// <param name="family">The caller's own tutor and parents, when <see cref="PermissionScopes.NeedsFamily"/> asks for them.</param>
    /// <param name="ofRole">Only users of this role, with the filter's branches for the other roles left out.</param>
    public static Expression<Func<User, bool>> Filter(Caller caller, string action, IReadOnlyCollection<long>? family = null, UserRole? ofRole = null) =>
        PermissionScopes.Filter(caller, action, Shape, family, ofRole);

    /// <summary>
    /// Whether the caller may create a user of this role owned by <paramref name="tutorId"/> (the caller when a tutor
    /// names nobody) with these parents: whether their scope reaches the user as it would be.
    /// </summary>
    public static bool CanCreate(Caller caller, UserRole role, long? tutorId, IEnumerable<long> parentIds) =>
        PermissionScopes.Reaches(caller, PermissionResources.ForUser(role), PermissionActions.Create, ScopeTarget.NewUser(role, tutorId ?? caller.UserId, parentIds));

    /// <summary>Admins and services pick the owning tutor; a tutor always owns what they create.</summary>
    public static bool ChoosesOwner(Caller caller, UserRole role) =>
        PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), PermissionActions.Create).HasFlag(PermissionScope.All);
}
