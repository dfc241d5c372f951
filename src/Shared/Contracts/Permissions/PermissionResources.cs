using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Permissions;

/// <summary>
/// Resources of the permission table. A user is a resource named after its role, so "manage tutors"
/// and "manage students" are separate rows.
/// </summary>
public static class PermissionResources
{
    public const string Admins = "admins";
    public const string Tutors = "tutors";
    public const string Students = "students";
    public const string Parents = "parents";
    public const string AccessCodes = "access_codes";
    public const string AuditLog = "audit_log";
    public const string FeatureFlags = "feature_flags";

    public static string ForUser(UserRole role) => role switch
    {
        UserRole.Admin => Admins,
        UserRole.Tutor => Tutors,
        UserRole.Student => Students,
        UserRole.Parent => Parents,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role a user resource names; null for a resource that is not a kind of user.</summary>
    public static UserRole? RoleOf(string resource) => resource switch
    {
        Admins => UserRole.Admin,
        Tutors => UserRole.Tutor,
        Students => UserRole.Student,
        Parents => UserRole.Parent,
        _ => null,
    };
}
