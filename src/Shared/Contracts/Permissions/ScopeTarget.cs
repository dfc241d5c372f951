using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Permissions;

/// <summary>
/// What a scope looks at in a target user: who they are, their role, who owns them and who their parents are.
/// Callers describe their own user type in this shape (see <see cref="PermissionScopes"/>).
/// </summary>
public sealed class ScopeTarget
{
    public required long Id { get; init; }

    public required UserRole Role { get; init; }

    /// <summary>The tutor who owns the target; null for admins and tutors.</summary>
    public required long? TutorId { get; init; }

    public required IEnumerable<long> ParentIds { get; init; }

    /// <summary>A user about to be created: no id yet (ids start at 1, so Own never matches) and no parents unless named.</summary>
    public static ScopeTarget NewUser(UserRole role, long? tutorId, IEnumerable<long>? parentIds = null) =>
        new() { Id = 0, Role = role, TutorId = tutorId, ParentIds = parentIds ?? [] };

    public static ScopeTarget Of(UserDto user) =>
        new() { Id = user.Id, Role = user.Role, TutorId = user.TutorId, ParentIds = user.ParentIds };
}
