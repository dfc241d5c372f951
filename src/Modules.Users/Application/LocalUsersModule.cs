using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// The in-process implementation of <see cref="IUsersModule"/>: one handler per use case behind it. The HTTP
/// endpoints and the other modules (through the router) call this.
/// </summary>
internal sealed class LocalUsersModule(
    UserQueries queries,
    CreateUserHandler create,
    UpdateUserHandler update,
    DeleteUserHandler delete,
    ReissueAccessCodeHandler reissue,
    ParentLinksHandler parentLinks,
    ValidateAccessCodeHandler validate) : IUsersModule
{
    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        queries.ListAsync(caller, query, cancellationToken);

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        queries.GetAsync(caller, userId, cancellationToken);

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        queries.FindByTelegramIdAsync(caller, telegramId, cancellationToken);

    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        create.HandleAsync(caller, request, idempotencyKey, cancellationToken);

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        update.HandleAsync(caller, userId, request, cancellationToken);

    public Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        delete.HandleAsync(caller, userId, cancellationToken);

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        reissue.HandleAsync(caller, userId, idempotencyKey, cancellationToken);

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        parentLinks.LinkAsync(caller, childId, parentId, cancellationToken);

    public Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        parentLinks.UnlinkAsync(caller, childId, parentId, cancellationToken);

    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        validate.HandleAsync(caller, request, cancellationToken);
}
