using System.Collections.Frozen;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using static RepitBot.Shared.Contracts.Permissions.PermissionActions;
using static RepitBot.Shared.Contracts.Permissions.PermissionResources;
using static RepitBot.Shared.Contracts.Permissions.PermissionScope;

namespace RepitBot.Shared.Contracts.Permissions;

/// <summary>
/// The one permission table: role x resource x action -> scope. The HTTP endpoints' own authorization and
/// (with the Auth module) check-permission read it, so the two can never disagree. Anything not listed is denied.
/// </summary>
public static class PermissionTable
{
    private static readonly string[] ManageActions = [Read, Create, Update, Delete, ReissueCode];

    private static readonly FrozenDictionary<(UserRole Role, string Resource, string Action), PermissionScope> Rows = Build();

    /// <summary>The scope a person's role has for an action on a resource; <see cref="None"/> when denied.</summary>
    public static PermissionScope ScopeOf(UserRole role, string resource, string action) =>
        Rows.GetValueOrDefault((role, resource, action), None);

    /// <summary>The scope a caller has: a trusted service may do everything a module offers it.</summary>
    public static PermissionScope ScopeOf(Caller caller, string resource, string action) =>
        caller.IsService ? All : caller.Role is { } role ? ScopeOf(role, resource, action) : None;

    private static FrozenDictionary<(UserRole, string, string), PermissionScope> Build()
    {
        var rows = new Dictionary<(UserRole, string, string), PermissionScope>();

        void Allow(UserRole role, string resource, PermissionScope scope, params string[] actions)
        {
            foreach (var action in actions)
            {
                rows[(role, resource, action)] = rows.GetValueOrDefault((role, resource, action)) | scope;
            }
        }

        foreach (var resource in new[] { Admins, Tutors, Students, Parents })
        {
            Allow(UserRole.Admin, resource, All, ManageActions);
        }

        Allow(UserRole.Admin, Students, All, LinkParents);
        Allow(UserRole.Admin, AuditLog, All, Read);
        Allow(UserRole.Admin, FeatureFlags, All, Read, Update);

        Allow(UserRole.Tutor, Tutors, Own, Read);
        Allow(UserRole.Tutor, Students, Owned, ManageActions);
        Allow(UserRole.Tutor, Parents, Owned, ManageActions);
        Allow(UserRole.Tutor, Students, Owned, LinkParents);

        Allow(UserRole.Student, Students, Own, Read);
        Allow(UserRole.Student, Tutors, Family, ReadPublic);
        Allow(UserRole.Student, Parents, Family, ReadPublic);

        Allow(UserRole.Parent, Parents, Own, Read);
        Allow(UserRole.Parent, Students, Children, Read);
        Allow(UserRole.Parent, Tutors, Family, ReadPublic);

        // Whoever may read a user may read its public fields too.
        foreach (var ((role, resource, _), scope) in rows.Where(row => row.Key.Item3 == Read).ToList())
        {
            Allow(role, resource, scope, ReadPublic);
        }

        // Checking access codes is for the Auth module (its service key), never for a person.
        return rows.ToFrozenDictionary();
    }
}
