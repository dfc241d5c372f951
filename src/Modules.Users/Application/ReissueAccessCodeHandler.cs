using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Idempotency;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>A new access code: the old one stops working at once and the Telegram account is unlinked.</summary>
internal sealed partial class ReissueAccessCodeHandler(UsersDbContext db, UserLookup lookup, AccessCodeIssuer codes, IdempotentWrites writes, TimeProvider clock, ILogger<ReissueAccessCodeHandler> logger)
{
    public Task<Result<UserWithAccessCode>> HandleAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        writes.RunAsync(caller, idempotencyKey, IdempotentOperation.ReissueAccessCode(userId), record => ReissueAsync(caller, userId, record, cancellationToken), cancellationToken);

    private async Task<Result<UserWithAccessCode>> ReissueAsync(Caller caller, long userId, Action<User, string> record, CancellationToken cancellationToken)
    {
        var (user, denied) = await lookup.FindForAsync(caller, PermissionActions.ReissueCode, userId, cancellationToken);
        if (user is null)
        {
            return denied!;
        }

        var (code, hash) = await codes.IssueAsync(cancellationToken);
        user.ReissueAccessCode(code.LookupId, hash, UtcTimestamps.Now(clock));
        record(user, code.Display);
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogReissued(logger, user.Id, caller.ToString());
        return new UserWithAccessCode(user.ToDto(), code.Display);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access code of user {UserId} reissued by {Caller}; Telegram unlinked")]
    private static partial void LogReissued(ILogger logger, long userId, string caller);
}
