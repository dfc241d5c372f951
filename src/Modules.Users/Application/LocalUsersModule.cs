using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// The in-process implementation of <see cref="IUsersModule"/>: one handler per use case behind it. The HTTP
/// endpoints and the other modules (through the router) call this. Each call resolves only its own handler from the
/// request's scope: taking all seven in the constructor built every one (with its store and hasher) for every read.
/// </summary>
internal sealed class LocalUsersModule(IServiceProvider scope) : IUsersModule
{
    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        Handler<UserQueries>().ListAsync(caller, query, cancellationToken);

    public Task<Result<UserSummaryPage>> ListUserSummariesAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        Handler<UserQueries>().ListSummariesAsync(caller, query, cancellationToken);

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Handler<UserQueries>().GetAsync(caller, userId, cancellationToken);

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        Handler<UserQueries>().FindByTelegramIdAsync(caller, telegramId, cancellationToken);

    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        Handler<CreateUserHandler>().HandleAsync(caller, request, idempotencyKey, cancellationToken);

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        Handler<UpdateUserHandler>().HandleAsync(caller, userId, request, cancellationToken);

    public Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Handler<DeleteUserHandler>().HandleAsync(caller, userId, cancellationToken);

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        Handler<ReissueAccessCodeHandler>().HandleAsync(caller, userId, idempotencyKey, cancellationToken);

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Handler<ParentLinksHandler>().LinkAsync(caller, childId, parentId, cancellationToken);

    public Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Handler<ParentLinksHandler>().UnlinkAsync(caller, childId, parentId, cancellationToken);

    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        Handler<ValidateAccessCodeHandler>().HandleAsync(caller, request, cancellationToken);

    private T Handler<T>()
        where T : notnull => scope.GetRequiredService<T>();
}
