using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>Links and unlinks a student and a parent of the same tutor.</summary>
internal sealed class ParentLinksHandler(UsersDbContext db, UserLookup lookup, TimeProvider clock)
{
    private static readonly ModuleError NotAStudent = ModuleError.Invalid("child_id", "Only a student can be linked to parents.");

    public async Task<Result<UserDto>> LinkAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken)
    {
        // Before the permission check: what the caller can see and is no student answers 400, as it always did.
        var visibleChild = await lookup.FindAsync(caller, PermissionActions.Read, user => user.Id == childId, cancellationToken);
        if (visibleChild is { CanHaveParents: false })
        {
            return NotAStudent;
        }

        var (child, denied) = await lookup.FindForAsync(caller, PermissionActions.LinkParents, childId, cancellationToken);
        if (child is null)
        {
            return denied!;
        }

        var parent = await lookup.FindAsync(caller, PermissionActions.Read, user => user.Id == parentId, cancellationToken);
        if (parent is null)
        {
            return UserErrors.NotFound(parentId);
        }

        var outcome = child.LinkParent(parent, UtcTimestamps.Now(clock));
        return outcome switch
        {
            LinkParentOutcome.Linked => await db.TrySaveAsync(cancellationToken) is { } conflict ? conflict : child.ToDto(),
            LinkParentOutcome.AlreadyLinked => child.ToDto(),
            LinkParentOutcome.NotAStudent => NotAStudent,
            LinkParentOutcome.NotAParent => ModuleError.Invalid("parent_id", "Only a user with the role 'parent' can be linked as a parent."),
            LinkParentOutcome.DifferentTutors => ModuleError.Invalid("parent_id", "The parent and the student must belong to the same tutor."),
            LinkParentOutcome.TooManyParents => ModuleError.Conflict($"This student already has {ParentLink.MaxParentsPerChild} parents; unlink one first."),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
    }

    public async Task<Result<Done>> UnlinkAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken)
    {
        var (child, denied) = await lookup.FindForAsync(caller, PermissionActions.LinkParents, childId, cancellationToken);
        if (child is null)
        {
            return denied!;
        }

        if (!child.UnlinkParent(parentId, UtcTimestamps.Now(clock)))
        {
            return ModuleError.NotFound($"User {parentId} is not a parent of user {childId}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Done.Value;
    }
}
