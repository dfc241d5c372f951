using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.AccessCodes;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Users.Application;

/// <summary>The in-process implementation of <see cref="IUsersModule"/>; the HTTP endpoints are a thin layer over it.</summary>
internal sealed partial class UsersService(UsersDbContext db, AccessCodeHasher hasher, TimeProvider clock, ILogger<UsersService> logger) : IUsersModule
{
    private const int MaxLookupAttempts = 8;

    private static readonly ModuleError NotAStudent = ModuleError.Invalid("child_id", "Only a student can be linked to parents.");

    private static readonly ModuleError ParentsInvalid = ModuleError.Invalid("parent_ids", "Every id in 'parent_ids' must be a parent owned by the same tutor.");

    public async Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateQuery(query) is { } invalid)
        {
            return invalid;
        }

        var users = db.Users.AsNoTracking().Where(UserAccess.Filter(caller, PermissionActions.Read));
        if (query.Role is { } role)
        {
            users = users.Where(user => user.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            users = users.Where(user => user.SearchName.Contains(term));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users
            .OrderBy(user => user.Id)
            .Skip((query.Page - 1) * query.Size)
            .Take(query.Size)
            .Include(user => user.Parents)
            .Include(user => user.Children)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var pages = (int)Math.Ceiling(total / (double)query.Size);
        return new UserPage(page.Select(user => user.ToDto()).ToList(), total, query.Page, query.Size, pages);
    }

    public async Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(caller, PermissionActions.Read, user => user.Id == userId, cancellationToken);
        return user is null ? NotFound(userId) : user.ToDto();
    }

    public async Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(caller, PermissionActions.Read, user => user.TelegramId == telegramId, cancellationToken);
        return user is null ? ModuleError.NotFound($"No user is linked to Telegram account {telegramId}.") : user.ToDto();
    }

    public async Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateCreate(request, out var fullName, out var username) is { } invalid)
        {
            return invalid;
        }

        var role = request.Role!.Value;
        if (!UserAccess.CanCreate(caller, role, request.TutorId, request.ParentIds ?? []))
        {
            return ModuleError.Forbidden($"You cannot create a user with the role '{role.ToString().ToLowerInvariant()}'.");
        }

        var parentIds = request.ParentIds ?? [];
        long? tutorId = null;
        if (role is UserRole.Student or UserRole.Parent)
        {
            if (!UserAccess.ChoosesOwner(caller, role))
            {
                tutorId = caller.UserId;
            }
            else if (request.TutorId is null)
            {
                return ModuleError.Invalid("tutor_id", "'tutor_id' is required: name the tutor who will own this user.");
            }
            else if (!await db.Users.AnyAsync(user => user.Id == request.TutorId && user.Role == UserRole.Tutor, cancellationToken))
            {
                return ModuleError.Invalid("tutor_id", $"There is no tutor with id {request.TutorId}.");
            }
            else
            {
                tutorId = request.TutorId;
            }
        }

        List<User> parents = parentIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(user => parentIds.Contains(user.Id)).ToListAsync(cancellationToken);
        if (parents.Count != parentIds.Count || parents.Any(parent => parent.CheckAsParentOf(tutorId) is not null))
        {
            return ParentsInvalid;
        }

        if (request.TelegramId is { } telegramId && await db.Users.AnyAsync(user => user.TelegramId == telegramId, cancellationToken))
        {
            return TelegramTaken(telegramId);
        }

        var code = await NewAccessCodeAsync(cancellationToken);
        var now = UtcTimestamps.Now(clock);
        var created = User.Create(role, fullName, username, request.TelegramId, tutorId, code.LookupId, hasher.Hash(code), now);
        foreach (var parent in parents)
        {
            if (created.LinkParent(parent, now) is not LinkParentOutcome.Linked)
            {
                return ParentsInvalid;
            }
        }

        db.Users.Add(created);

        if (await TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogCreated(logger, created.Id, role, DescribeCaller(caller));
        return new UserWithAccessCode(created.ToDto(), code.Display);
    }

    public async Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateUpdate(request, out var fullName, out var username) is { } invalid)
        {
            return invalid;
        }

        var (user, denied) = await FindForAsync(caller, PermissionActions.Update, userId, cancellationToken);
        if (user is null)
        {
            return denied!;
        }

        if (request.TelegramId is { } telegramId && telegramId != user.TelegramId
            && await db.Users.AnyAsync(other => other.TelegramId == telegramId, cancellationToken))
        {
            return TelegramTaken(telegramId);
        }

        user.Update(fullName, username, request.TelegramId, request.IsActive, UtcTimestamps.Now(clock));
        if (await TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogUpdated(logger, user.Id, user.IsActive, DescribeCaller(caller));
        return user.ToDto();
    }

    public async Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var (user, denied) = await FindForAsync(caller, PermissionActions.Delete, userId, cancellationToken);
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
        LogDeleted(logger, userId, DescribeCaller(caller));
        return Done.Value;
    }

    public async Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var (user, denied) = await FindForAsync(caller, PermissionActions.ReissueCode, userId, cancellationToken);
        if (user is null)
        {
            return denied!;
        }

        var code = await NewAccessCodeAsync(cancellationToken);
        user.ReissueAccessCode(code.LookupId, hasher.Hash(code), UtcTimestamps.Now(clock));
        if (await TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogReissued(logger, user.Id, DescribeCaller(caller));
        return new UserWithAccessCode(user.ToDto(), code.Display);
    }

    public async Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken)
    {
        var visibleChild = await FindAsync(caller, PermissionActions.Read, user => user.Id == childId, cancellationToken);
        if (visibleChild is { CanHaveParents: false })
        {
            return NotAStudent;
        }

        var (child, denied) = await FindForAsync(caller, PermissionActions.LinkParents, childId, cancellationToken);
        if (child is null)
        {
            return denied!;
        }

        var parent = await FindAsync(caller, PermissionActions.Read, user => user.Id == parentId, cancellationToken);
        if (parent is null)
        {
            return NotFound(parentId);
        }

        var outcome = child.LinkParent(parent, UtcTimestamps.Now(clock));
        return outcome switch
        {
            LinkParentOutcome.Linked => await TrySaveAsync(cancellationToken) is { } conflict ? conflict : child.ToDto(),
            LinkParentOutcome.AlreadyLinked => child.ToDto(),
            LinkParentOutcome.NotAStudent => NotAStudent,
            LinkParentOutcome.NotAParent => ModuleError.Invalid("parent_id", "Only a user with the role 'parent' can be linked as a parent."),
            LinkParentOutcome.DifferentTutors => ModuleError.Invalid("parent_id", "The parent and the student must belong to the same tutor."),
            LinkParentOutcome.TooManyParents => ModuleError.Conflict($"This student already has {ParentLink.MaxParentsPerChild} parents; unlink one first."),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
    }

    public async Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken)
    {
        var (child, denied) = await FindForAsync(caller, PermissionActions.LinkParents, childId, cancellationToken);
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

    public async Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken)
    {
        if (!PermissionTable.ScopeOf(caller, PermissionResources.AccessCodes, PermissionActions.ValidateAccessCode).HasFlag(PermissionScope.All))
        {
            return ModuleError.Forbidden("Only the RepitBot services may check access codes.");
        }

        if (request.TelegramId is <= 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' must be a positive number.");
        }

        if (!AccessCode.TryParse(request.AccessCode, out var code))
        {
            hasher.VerifyAgainstDummy(request.AccessCode ?? string.Empty);
            return new AccessCodeValidation(AccessCodeStatus.Invalid, null, null, false);
        }

        var user = await db.Users
            .Include(u => u.Parents)
            .Include(u => u.Children)
            .AsSplitQuery()
            .FirstOrDefaultAsync(u => u.AccessCodeLookup == code.LookupId, cancellationToken);
        if (user is null)
        {
            hasher.VerifyAgainstDummy(code.Secret);
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

        if (await TrySaveAsync(cancellationToken) is not null)
        {
            return new AccessCodeValidation(AccessCodeStatus.TelegramTaken, code.LookupId, user.ToDto(), false);
        }

        LogLinked(logger, user.Id);
        return new AccessCodeValidation(AccessCodeStatus.Valid, code.LookupId, user.ToDto(), true);
    }

    private Task<User?> FindAsync(Caller caller, string action, System.Linq.Expressions.Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        db.Users
            .Where(UserAccess.Filter(caller, action))
            .Where(which)
            .Include(user => user.Parents)
            .Include(user => user.Children)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Loads a user the caller may act on. When they may not: 403 if they can at least see the user,
    /// 404 otherwise, so nobody learns that another tutor's user exists.
    /// </summary>
    private async Task<(User? User, ModuleError? Denied)> FindForAsync(Caller caller, string action, long userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(caller, action, user => user.Id == userId, cancellationToken);
        if (user is not null)
        {
            return (user, null);
        }

        var visible = await db.Users.Where(UserAccess.Filter(caller, PermissionActions.Read)).AnyAsync(u => u.Id == userId, cancellationToken);
        return (null, visible ? ModuleError.Forbidden("You are not allowed to do this to this user.") : NotFound(userId));
    }

    private async Task<AccessCode> NewAccessCodeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxLookupAttempts; attempt++)
        {
            var code = AccessCode.Generate();
            if (!await db.Users.AnyAsync(user => user.AccessCodeLookup == code.LookupId, cancellationToken))
            {
                return code;
            }
        }

        throw new InvalidOperationException("Could not find a free access code lookup id.");
    }

    /// <summary>Saves, turning a unique-index race (two writers, one Telegram id) into a 409 instead of a 500.</summary>
    private async Task<ModuleError?> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ModuleError.Conflict("The change conflicts with another user: this Telegram account or access code is already in use.");
        }
    }

    private static ModuleError NotFound(long userId) => ModuleError.NotFound($"User {userId} was not found.");

    private static ModuleError TelegramTaken(long telegramId) =>
        ModuleError.Conflict($"Telegram account {telegramId} is already linked to another user.");

    private static string DescribeCaller(Caller caller) =>
        caller.IsService ? $"service:{caller.ServiceName}" : $"user:{caller.UserId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created with role {Role} by {Caller}")]
    private static partial void LogCreated(ILogger logger, long userId, UserRole role, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} updated (active: {IsActive}) by {Caller}")]
    private static partial void LogUpdated(ILogger logger, long userId, bool isActive, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted by {Caller}")]
    private static partial void LogDeleted(ILogger logger, long userId, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access code of user {UserId} reissued by {Caller}; Telegram unlinked")]
    private static partial void LogReissued(ILogger logger, long userId, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} linked a Telegram account with their access code")]
    private static partial void LogLinked(ILogger logger, long userId);
}
