using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Answers check-permission from the shared <see cref="PermissionTable"/>, the same table the endpoints authorize
/// with. Scopes are decided on real data (ownership, parent-child links) from the Users module. Deny by default.
/// </summary>
internal static class PermissionEvaluator
{
    private static readonly Dictionary<string, UserRole> UserResources = new(StringComparer.Ordinal)
    {
        [PermissionResources.Admins] = UserRole.Admin,
        [PermissionResources.Tutors] = UserRole.Tutor,
        [PermissionResources.Students] = UserRole.Student,
        [PermissionResources.Parents] = UserRole.Parent,
    };

    public static async Task<PermissionDecision> DecideAsync(Caller caller, string resource, string action, long? ownerId, Func<long, Task<UserDto?>> findUser)
    {
        var scope = PermissionTable.ScopeOf(caller, resource, action);
        if (scope == PermissionScope.None)
        {
            return new PermissionDecision(false, $"Your role may not {action} {resource}.");
        }

        if (scope.HasFlag(PermissionScope.All))
        {
            return new PermissionDecision(true, $"Your role may {action} any {resource}.");
        }

        if (ownerId is not { } targetId)
        {
            return action == PermissionActions.Create && scope.HasFlag(PermissionScope.Owned)
                ? new PermissionDecision(true, $"You may {action} {resource} that you will own.")
                : new PermissionDecision(false, $"Your role may {action} only some {resource}: name the resource_owner_id.");
        }

        // Not found, not of this kind and not yours answer alike: nobody learns whether another tutor's user exists.
        var outside = new PermissionDecision(false, $"This is outside your scope ({scope.ToString().ToLowerInvariant()}).");
        var target = await findUser(targetId);
        if (target is null || (UserResources.TryGetValue(resource, out var role) && target.Role != role))
        {
            return outside;
        }

        var callerId = caller.UserId;
        if ((scope.HasFlag(PermissionScope.Own) && target.Id == callerId)
            || (scope.HasFlag(PermissionScope.Owned) && target.TutorId == callerId && callerId is not null)
            || (scope.HasFlag(PermissionScope.Children) && callerId is { } parentId && target.ParentIds.Contains(parentId)))
        {
            return new PermissionDecision(true, $"Allowed within your scope ({scope.ToString().ToLowerInvariant()}).");
        }

        return outside;
    }
}
