using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Remote;

/// <summary>The remote implementation of <see cref="IAuthModule"/>: the Auth Service over HTTP, same results and errors.</summary>
internal sealed class AuthModuleClient(IAuthApi api, IHttpContextAccessor http) : IAuthModule
{
    private const string Module = ModuleNames.Auth;
    private static readonly Caller Anonymous = Caller.Service("anonymous");

    public Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        SendAsync(Anonymous, client, () => api.LoginAsync(request, cancellationToken), cancellationToken);

    public Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        SendAsync(caller, client, () => api.TelegramLoginAsync(request, cancellationToken), cancellationToken);

    public Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        SendAsync(Anonymous, client, () => api.RefreshAsync(request, cancellationToken), cancellationToken);

    public async Task<Result<Done>> LogoutAsync(string accessToken, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        using var credential = OutgoingCredential.Use(new OutgoingCredential(accessToken, client.Address));
        return await RemoteCall.SendAsync(Module, () => api.LogoutAsync(request, cancellationToken), cancellationToken);
    }

    public Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken) =>
        SendAsync(caller, ClientInfo.Unknown, () => api.ValidateAsync(request, cancellationToken), cancellationToken);

    public Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        SendAsync(caller, client, () => api.CheckPermissionAsync(request, cancellationToken), cancellationToken);

    public Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        SendAsync(caller, ClientInfo.Unknown, () => api.GetAuditAsync(query.Page, query.Size, query.UserId, query.EventType, cancellationToken), cancellationToken);

    private async Task<Result<T>> SendAsync<T>(Caller caller, ClientInfo client, Func<Task<Refit.IApiResponse<T>>> send, CancellationToken cancellationToken)
    {
        var credential = OutgoingCredential.For(caller, http, client);
        if (!caller.IsService && credential.BearerToken is null)
        {
            return new ModuleError(ErrorKind.Unauthorized, "This call acts for a person and has no token of theirs to present.");
        }

        using (OutgoingCredential.Use(credential))
        {
            return await RemoteCall.SendAsync(Module, send, cancellationToken);
        }
    }
}
