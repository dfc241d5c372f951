using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Users.Remote;

/// <summary>
/// <see cref="IUsersModule"/> as everyone resolves it: each call goes through the shared <see cref="ModuleRouter"/>,
/// which picks the in-process or the remote implementation per call. Reads may fall back; writes only when unsent.
/// </summary>
internal sealed class RoutedUsersModule(ModuleRouter router) : IUsersModule
{
    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.ListUsersAsync(caller, query, cancellationToken));

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.GetUserAsync(caller, userId, cancellationToken));

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, users => users.FindByTelegramIdAsync(caller, telegramId, cancellationToken));

    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.CreateUserAsync(caller, request, cancellationToken));

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.UpdateUserAsync(caller, userId, request, cancellationToken));

    public Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.DeleteUserAsync(caller, userId, cancellationToken));

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.ReissueAccessCodeAsync(caller, userId, cancellationToken));

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.LinkParentAsync(caller, childId, parentId, cancellationToken));

    public Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.UnlinkParentAsync(caller, childId, parentId, cancellationToken));

    // Checking a code may link a Telegram account: a write.
    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, users => users.ValidateAccessCodeAsync(caller, request, cancellationToken));

    private Task<Result<T>> Route<T>(Caller caller, CallKind kind, Func<IUsersModule, Task<Result<T>>> call) =>
        router.CallAsync(UsersModule.Name, caller, kind, call);
}
