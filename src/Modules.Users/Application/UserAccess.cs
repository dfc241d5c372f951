using System.Linq.Expressions;
using RepitBot.Modules.Users.Domain;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// Turns the shared <see cref="PermissionTable"/> into a query filter: the users a caller may act on for one action.
/// The same filter serves lists and single users, so what a list shows and what a GET finds never disagree.
/// </summary>
internal static class UserAccess
{
    private static readonly UserRole[] Roles = Enum.GetValues<UserRole>();

    public static Expression<Func<User, bool>> Filter(Caller caller, string action)
    {
        var all = RolesWith(caller, action, PermissionScope.All);
        if (caller.UserId is not { } callerId)
        {
            return user => all.Contains(user.Role);
        }

        var own = RolesWith(caller, action, PermissionScope.Own);
        var owned = RolesWith(caller, action, PermissionScope.Owned);
        var children = RolesWith(caller, action, PermissionScope.Children);
        return user => all.Contains(user.Role)
            || (own.Contains(user.Role) && user.Id == callerId)
            || (owned.Contains(user.Role) && user.TutorId == callerId)
            || (children.Contains(user.Role) && user.Parents.Any(link => link.ParentId == callerId));
    }

    /// <summary>Whether the caller may create a user of this role owned by <paramref name="tutorId"/>.</summary>
    public static bool CanCreate(Caller caller, UserRole role, long? tutorId)
    {
        var scope = PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), PermissionActions.Create);
        return scope.HasFlag(PermissionScope.All)
            || (scope.HasFlag(PermissionScope.Owned) && caller.UserId is { } callerId && (tutorId is null || tutorId == callerId));
    }

    /// <summary>Admins and services pick the owning tutor; a tutor always owns what they create.</summary>
    public static bool ChoosesOwner(Caller caller, UserRole role) =>
        PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), PermissionActions.Create).HasFlag(PermissionScope.All);

    private static List<UserRole> RolesWith(Caller caller, string action, PermissionScope scope) =>
        Roles.Where(role => PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), action).HasFlag(scope)).ToList();
}
