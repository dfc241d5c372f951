using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>A partial update of a user; <c>is_active: false</c> deactivates.</summary>
internal sealed partial class UpdateUserHandler(UsersDbContext db, UserLookup lookup, TimeProvider clock, ILogger<UpdateUserHandler> logger)
{
    public async Task<Result<UserDto>> HandleAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateUpdate(request, out var fullName, out var username) is { } invalid)
        {
            return invalid;
        }

        var (user, denied) = await lookup.FindForAsync(caller, PermissionActions.Update, userId, cancellationToken);
        if (user is null)
        {
            return denied!;
        }

        user.Update(fullName, username, request.IsActive, UtcTimestamps.Now(clock));
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogUpdated(logger, user.Id, user.IsActive, caller.ToString());
        return user.ToDto();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} updated (active: {IsActive}) by {Caller}")]
    private static partial void LogUpdated(ILogger logger, long userId, bool isActive, string caller);
}
