using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Users.Remote;

/// <summary>
/// The remote implementation of <see cref="IUsersModule"/>: the User Service over HTTP, same results and errors.
/// Each request carries its caller, so the service authorizes the same person the in-process implementation would.
/// </summary>
internal sealed class UsersModuleClient(IUsersApi api) : IUsersModule
{
    private const string Module = UsersModule.Name;

    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.ListAsync(query.Page, query.Size, query.Role?.ToString().ToLowerInvariant(), query.Search, call, cancellationToken), cancellationToken);

    public Task<Result<UserSummaryPage>> ListUserSummariesAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.ListSummariesAsync(query.Page, query.Size, query.Role?.ToString().ToLowerInvariant(), query.Search, call, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.GetAsync(userId, call, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.FindByTelegramIdAsync(telegramId, call, cancellationToken), cancellationToken);

    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.CreateAsync(request, KeyOf(idempotencyKey), call, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.UpdateAsync(userId, request, call, cancellationToken), cancellationToken);

    public Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.DeleteAsync(userId, call, cancellationToken), cancellationToken);

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.ReissueAccessCodeAsync(userId, KeyOf(idempotencyKey), call, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.LinkParentAsync(childId, parentId, call, cancellationToken), cancellationToken);

    public Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.UnlinkParentAsync(childId, parentId, call, cancellationToken), cancellationToken);

    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.ValidateAccessCodeAsync(request, call, cancellationToken), cancellationToken);

    /// <summary>Every write that can be keyed goes out with a key, so the service can answer a retry with its first result.</summary>
    private static string KeyOf(IdempotencyKey? key) => (key ?? IdempotencyKey.New()).Value;
}
