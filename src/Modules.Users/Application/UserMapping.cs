using System.Linq.Expressions;
using RepitBot.Modules.Users.Domain;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

internal static class UserMapping
{
    /// <summary>The user as callers see it; expects <see cref="User.Parents"/> and <see cref="User.Children"/> loaded.</summary>
    public static UserDto ToDto(this User user) => new(
        user.Id,
        user.TelegramId,
        user.Username,
        user.FullName,
        user.Role,
        user.TutorId,
        user.Parents.Select(link => link.ParentId).Order().ToList(),
        user.Children.Select(link => link.ChildId).Order().ToList(),
        user.IsActive,
        user.AccessCodeIssuedAt,
        user.CreatedAt,
        user.UpdatedAt,
        user.AccessCodeVersion);

    /// <summary>The user as a list shows them, as a projection the database answers from the users' table alone.</summary>
    public static Expression<Func<User, UserSummary>> Summary { get; } =
        user => new UserSummary(user.Id, user.FullName, user.Role, user.IsActive, user.TelegramId != null);

    /// <summary>
    /// Only what <see cref="Shared.Contracts.Permissions.PermissionActions.ReadPublic"/> allows: id, name, role and whether
    /// active; every other field is empty, so no Telegram account, owner, links or dates leak to a relative.
    /// </summary>
    public static UserDto ToPublicDto(this User user) => new(
        user.Id, null, null, user.FullName, user.Role, null, [], [], user.IsActive, default, default, default, 0);
}
