using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.AccessCodes;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// Checks an access code for the Auth module (its service key only: Auth counts the failures) and, with a Telegram id, links that account
/// to the code's user. Every way a code fails costs one bcrypt verify, so timing tells nothing.
/// </summary>
internal sealed partial class ValidateAccessCodeHandler(UsersDbContext db, AccessCodeHasher hasher, StoredHashCost storedCost, TimeProvider clock, ILogger<ValidateAccessCodeHandler> logger)
{
    public async Task<Result<AccessCodeValidation>> HandleAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken)
    {
        if (!PermissionTable.ScopeOf(caller, PermissionResources.AccessCodes, PermissionActions.ValidateAccessCode).HasFlag(PermissionScope.All))
        {
            return ModuleError.Forbidden("Only the RepitBot services may check access codes.");
        }

        if (request.TelegramId is <= 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' must be a positive number.");
        }

        if (request.AccessCode is { Length: > AccessCode.MaxInputLength })
        {
            return ModuleError.Invalid("access_code", $"'access_code' is at most {AccessCode.MaxInputLength} characters.");
        }

        if (!AccessCode.TryParse(request.AccessCode, out var code))
        {
            hasher.VerifyAgainstDummy(request.AccessCode ?? string.Empty, await storedCost.GetAsync(db, cancellationToken));
            return new AccessCodeValidation(AccessCodeStatus.Invalid, null, null, false);
        }

        var user = await db.Users
            .Include(u => u.Parents)
            .Include(u => u.Children)
            .AsSplitQuery()
            .FirstOrDefaultAsync(u => u.AccessCodeLookup == code.LookupId, cancellationToken);
        if (user is null)
        {
            hasher.VerifyAgainstDummy(code.Secret, await storedCost.GetAsync(db, cancellationToken));
            return new AccessCodeValidation(AccessCodeStatus.Invalid, code.LookupId, null, false);
        }

        if (!hasher.Verify(code, user.AccessCodeHash))
        {
            return new AccessCodeValidation(AccessCodeStatus.Invalid, code.LookupId, null, false);
        }

        if (!user.IsActive)
        {
            return new AccessCodeValidation(AccessCodeStatus.Inactive, code.LookupId, user.ToDto(), false);
        }

        if (request.TelegramId is not { } telegramId)
        {
            return new AccessCodeValidation(AccessCodeStatus.Valid, code.LookupId, user.ToDto(), false);
        }

        // Another user holding this Telegram id matters only when this user has none yet, i.e. when it would be linked;
        // the unique index stands behind this check when two links race.
        if (user.TelegramId is null && await db.Users.AnyAsync(other => other.TelegramId == telegramId, cancellationToken))
        {
            return new AccessCodeValidation(AccessCodeStatus.TelegramTaken, code.LookupId, user.ToDto(), false);
        }

        var outcome = user.LinkTelegram(telegramId, UtcTimestamps.Now(clock));
        if (outcome is not TelegramLinkOutcome.Linked)
        {
            var status = outcome switch
            {
                TelegramLinkOutcome.AlreadyLinked => AccessCodeStatus.Valid,
                TelegramLinkOutcome.LinkedToAnotherAccount => AccessCodeStatus.TelegramMismatch,
                TelegramLinkOutcome.Inactive => AccessCodeStatus.Inactive,
                _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
            };
            return new AccessCodeValidation(status, code.LookupId, user.ToDto(), false);
        }

        if (await db.TrySaveAsync(cancellationToken) is not null)
        {
            return new AccessCodeValidation(AccessCodeStatus.TelegramTaken, code.LookupId, user.ToDto(), false);
        }

        LogLinked(logger, user.Id);
        return new AccessCodeValidation(AccessCodeStatus.Valid, code.LookupId, user.ToDto(), true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} linked a Telegram account with their access code")]
    private static partial void LogLinked(ILogger logger, long userId);
}
