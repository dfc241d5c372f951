using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Users.Application;

/// <summary>Deletes a user with their parent/child links; a tutor who still owns users stays.</summary>
internal sealed partial class DeleteUserHandler(UsersDbContext db, UserLookup lookup, ILogger<DeleteUserHandler> logger)
{
    public async Task<Result<Done>> HandleAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var (user, denied) = await lookup.FindForAsync(caller, PermissionActions.Delete, userId, cancellationToken);
        if (user is null)
        {
            return denied!;
        }

        var owned = await db.Users.CountAsync(other => other.TutorId == user.Id, cancellationToken);
        if (user.CheckDeletion(owned) is DeletionCheck.StillOwnsUsers)
        {
            return ModuleError.Conflict($"This tutor still owns {owned} students or parents; delete or reassign them first, or deactivate the tutor instead.");
        }

        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        LogDeleted(logger, userId, caller.ToString());
        return Done.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted by {Caller}")]
    private static partial void LogDeleted(ILogger logger, long userId, string caller);
}
