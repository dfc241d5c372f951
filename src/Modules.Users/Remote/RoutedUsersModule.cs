using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Users.Remote;

/// <summary>
/// <see cref="IUsersModule"/> as everyone resolves it: each call goes through the shared <see cref="ModuleRouter"/>,
/// which picks the in-process or the remote implementation per call. Reads and keyed writes may fall back; other
/// writes only when the remote certainly did not carry them out.
/// </summary>
internal sealed class RoutedUsersModule(ModuleRouter router) : IUsersModule
{
    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.ListUsersAsync(caller, query, cancellationToken));

    public Task<Result<UserSummaryPage>> ListUserSummariesAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.ListUserSummariesAsync(caller, query, cancellationToken));

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.GetUserAsync(caller, userId, cancellationToken));

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.FindByTelegramIdAsync(caller, telegramId, cancellationToken));

    // One key for every attempt of the call, remote and in process alike: after a remote failure of unknown outcome the
    // fallback then answers what the remote did, if it did, instead of writing a second time (both share one store).
    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = idempotencyKey ?? IdempotencyKey.New();
        return Route(caller, CallKind.IdempotentWrite, users => users.CreateUserAsync(caller, request, key, cancellationToken));
    }

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.UpdateUserAsync(caller, userId, request, cancellationToken));

    public Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.DeleteUserAsync(caller, userId, cancellationToken));

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = idempotencyKey ?? IdempotencyKey.New();
        return Route(caller, CallKind.IdempotentWrite, users => users.ReissueAccessCodeAsync(caller, userId, key, cancellationToken));
    }

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.LinkParentAsync(caller, childId, parentId, cancellationToken));

    public Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.UnlinkParentAsync(caller, childId, parentId, cancellationToken));

    // Checking a code with a Telegram id may link that account: a write. Without one it changes nothing, so a login can
    // be served in process whatever happened to the remote attempt (a gateway's 502 or 503 included).
    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        Route(caller, request.TelegramId is null ? CallKind.Read : CallKind.Write, users => users.ValidateAccessCodeAsync(caller, request, cancellationToken));

    private Task<Result<T>> Route<T>(Caller caller, CallKind kind, Func<IUsersModule, Task<Result<T>>> call) =>
        router.CallAsync(UsersModule.Name, caller, kind, call);
}
