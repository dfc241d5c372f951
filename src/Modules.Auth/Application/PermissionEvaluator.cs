using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Answers check-permission from the shared <see cref="PermissionTable"/>, the same table the endpoints authorize
/// with; whether a scope reaches a target is decided by <see cref="PermissionScopes"/>, on real data (ownership,
/// parent-child links) from the Users module, exactly as the Users module's own filter decides it. Deny by default.
/// </summary>
internal static class PermissionEvaluator
{
    public static async Task<PermissionDecision> DecideAsync(Caller caller, string resource, string action, long? ownerId, Func<long, CancellationToken, Task<UserDto?>> findUser, CancellationToken cancellationToken)
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
            // Without a target only creating can be judged: on the user as it would be, owned by the caller (for a
            // resource that is no kind of user the role does not count, so any will do).
            var created = ScopeTarget.NewUser(PermissionResources.RoleOf(resource) ?? default, caller.UserId);
            return action == PermissionActions.Create && PermissionScopes.Reaches(caller, resource, action, created)
                ? new PermissionDecision(true, $"You may {action} {resource} that you will own.")
                : new PermissionDecision(false, $"Your role may {action} only some {resource}: name the resource_owner_id.");
        }

        // Not found, not of this kind and not yours answer alike: nobody learns whether another tutor's user exists.
        var target = await findUser(targetId, cancellationToken);
        var family = await FamilyAsync(caller, scope, findUser, cancellationToken);
        return target is not null && PermissionScopes.Reaches(caller, resource, action, ScopeTarget.Of(target), family)
            ? new PermissionDecision(true, $"Allowed within your scope ({scope.ToString().ToLowerInvariant()}).")
            : new PermissionDecision(false, $"This is outside your scope ({scope.ToString().ToLowerInvariant()}).");
    }

    /// <summary>A scope of the caller's family needs their own tutor and parents, from their own record.</summary>
    private static async Task<IReadOnlyCollection<long>?> FamilyAsync(Caller caller, PermissionScope scope, Func<long, CancellationToken, Task<UserDto?>> findUser, CancellationToken cancellationToken)
    {
        if (!scope.HasFlag(PermissionScope.Family) || caller.UserId is not { } callerId)
        {
            return null;
        }

        var self = await findUser(callerId, cancellationToken);
        return self is null ? [] : PermissionScopes.FamilyOf(self.TutorId, self.ParentIds);
    }
}
