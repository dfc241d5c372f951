using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Users.Remote;

/// <summary>The remote implementation of <see cref="IUsersModule"/>: the User Service over HTTP, same results and errors.</summary>
internal sealed class UsersModuleClient(IUsersApi api, IHttpContextAccessor http) : IUsersModule
{
    private const string Module = ModuleNames.Users;

    public Task<Result<UserPage>> ListUsersAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.ListAsync(query.Page, query.Size, query.Role?.ToString().ToLowerInvariant(), query.Search, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> GetUserAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.GetAsync(userId, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.FindByTelegramIdAsync(telegramId, cancellationToken), cancellationToken);

    public Task<Result<UserWithAccessCode>> CreateUserAsync(Caller caller, CreateUserRequest request, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.CreateAsync(request, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> UpdateUserAsync(Caller caller, long userId, UpdateUserRequest request, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.UpdateAsync(userId, request, cancellationToken), cancellationToken);

    public async Task<Result<Done>> DeleteUserAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        using var credential = Credential(caller, out var missing);
        return missing ?? await RemoteCall.SendAsync(Module, () => api.DeleteAsync(userId, cancellationToken), cancellationToken);
    }

    public Task<Result<UserWithAccessCode>> ReissueAccessCodeAsync(Caller caller, long userId, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.ReissueAccessCodeAsync(userId, cancellationToken), cancellationToken);

    public Task<Result<UserDto>> LinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.LinkParentAsync(childId, parentId, cancellationToken), cancellationToken);

    public async Task<Result<Done>> UnlinkParentAsync(Caller caller, long childId, long parentId, CancellationToken cancellationToken)
    {
        using var credential = Credential(caller, out var missing);
        return missing ?? await RemoteCall.SendAsync(Module, () => api.UnlinkParentAsync(childId, parentId, cancellationToken), cancellationToken);
    }

    public Task<Result<AccessCodeValidation>> ValidateAccessCodeAsync(Caller caller, ValidateAccessCodeRequest request, CancellationToken cancellationToken) =>
        SendAsync(caller, () => api.ValidateAccessCodeAsync(request, cancellationToken), cancellationToken);

    private async Task<Result<T>> SendAsync<T>(Caller caller, Func<Task<Refit.IApiResponse<T>>> send, CancellationToken cancellationToken)
    {
        using var credential = Credential(caller, out var missing);
        return missing is null ? await RemoteCall.SendAsync(Module, send, cancellationToken) : missing;
    }

    /// <summary>A person's call needs that person's token; without one it is refused rather than sent as a service.</summary>
    private IDisposable Credential(Caller caller, out ModuleError? missing)
    {
        var credential = OutgoingCredential.For(caller, http);
        missing = !caller.IsService && credential.BearerToken is null
            ? new ModuleError(ErrorKind.Unauthorized, "This call acts for a person and has no token of theirs to present.")
            : null;
        return OutgoingCredential.Use(credential);
    }
}
