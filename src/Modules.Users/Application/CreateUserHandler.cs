using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Idempotency;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>Creates a user with its first access code, the one answer besides a reissue that carries a code.</summary>
internal sealed partial class CreateUserHandler(UsersDbContext db, AccessCodeIssuer codes, IdempotentWrites writes, TimeProvider clock, ILogger<CreateUserHandler> logger)
{
    private static readonly ModuleError ParentsInvalid = ModuleError.Invalid("parent_ids", "Every id in 'parent_ids' must be a parent owned by the same tutor.");

    public Task<Result<UserWithAccessCode>> HandleAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        writes.RunAsync(caller, idempotencyKey, IdempotentOperation.CreateUser(request), record => CreateAsync(caller, request, record, cancellationToken), cancellationToken);

    private async Task<Result<UserWithAccessCode>> CreateAsync(Caller caller, CreateUserRequest request, Action<User, string> record, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateCreate(request, out var fullName, out var username) is { } invalid)
        {
            return invalid;
        }

        var role = request.Role!.Value;
        var parentIds = request.ParentIds ?? [];
        if (!UserAccess.CanCreate(caller, role, request.TutorId, parentIds))
        {
            return ModuleError.Forbidden($"You cannot create a user with the role '{role.ToString().ToLowerInvariant()}'.");
        }

        var (tutorId, noOwner) = await ChooseOwnerAsync(caller, role, request.TutorId, cancellationToken);
        if (noOwner is not null)
        {
            return noOwner;
        }

        List<User> parents = parentIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(user => parentIds.Contains(user.Id)).ToListAsync(cancellationToken);
        if (parents.Count != parentIds.Count || parents.Any(parent => parent.CheckAsParentOf(tutorId) is not null))
        {
            return ParentsInvalid;
        }

        var (code, hash) = await codes.IssueAsync(cancellationToken);
        var now = UtcTimestamps.Now(clock);
        var created = User.Create(role, fullName, username, tutorId, code.LookupId, hash, now);
        foreach (var parent in parents)
        {
            if (created.LinkParent(parent, now) is not LinkParentOutcome.Linked)
            {
                return ParentsInvalid;
            }
        }

        db.Users.Add(created);
        record(created, code.Display);
        if (await db.TrySaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        LogCreated(logger, created.Id, role, caller.ToString());
        return new UserWithAccessCode(created.ToDto(), code.Display);
    }

    /// <summary>Students and parents have a tutor: the calling tutor, or the one an admin or a service names.</summary>
    private async Task<(long? TutorId, ModuleError? Error)> ChooseOwnerAsync(Caller caller, UserRole role, long? requested, CancellationToken cancellationToken)
    {
        if (role is not (UserRole.Student or UserRole.Parent))
        {
            return (null, null);
        }

        if (!UserAccess.ChoosesOwner(caller, role))
        {
            return (caller.UserId, null);
        }

        if (requested is null)
        {
            return (null, ModuleError.Invalid("tutor_id", "'tutor_id' is required: name the tutor who will own this user."));
        }

        if (!await db.Users.AnyAsync(user => user.Id == requested && user.Role == UserRole.Tutor, cancellationToken))
        {
            return (null, ModuleError.Invalid("tutor_id", $"There is no tutor with id {requested}."));
        }

        return (requested, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created with role {Role} by {Caller}")]
    private static partial void LogCreated(ILogger logger, long userId, UserRole role, string caller);
}
