using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// The Users module as the other modules and the host see it. Every call names its <see cref="Caller"/> and is
/// authorized by the module exactly as its HTTP endpoint would be; failures come back as <see cref="ModuleError"/>s.
/// </summary>
public interface IUsersModule
{
    Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken);

    /// <summary>The same page as <see cref="ListUsersAsync"/>, each user as a list shows them (no links, no dates).</summary>
    Task<Result<UserSummaryPage>> ListUserSummariesAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken);

    Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken);

    Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a user. Sent again with the same <paramref name="idempotencyKey"/> by the same caller, it answers the first
    /// result (the same user and code) within <c>IdempotencyWindow</c>; with a different request, 422. Null: the router
    /// picks a key for the call, shared by its remote and in-process attempts.
    /// </summary>
    Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken);

    Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken);

    Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken);

    /// <summary>A new access code; keyed like <see cref="CreateUserAsync"/>, so a retry does not issue a second code.</summary>
    Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken);

    Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken);

    Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken);

    Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken);
}
