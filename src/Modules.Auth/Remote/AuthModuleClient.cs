using RepitBot.Modules.Auth.Application;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Auth.Remote;

/// <summary>
/// The remote implementation of <see cref="IAuthModule"/>: the Auth Service over HTTP, same results and errors. Each
/// request carries its caller and the end client's address.
/// </summary>
internal sealed class AuthModuleClient(IAuthApi api) : IAuthModule
{
    private const string Module = AuthModule.Name;

    /// <summary>
    /// Logging in and refreshing name no person yet: the Auth module hosted here forwards its client's request as
    /// itself (so the service trusts the client's address it passes on); where Auth is not hosted, it goes anonymous.
    /// </summary>
    private static readonly Caller Forwarder = AuthCaller.Self;

    public Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(Forwarder, client), call => api.LoginAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<TokenPair>> TelegramLinkAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller, client), call => api.TelegramLinkAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller, client), call => api.TelegramLoginAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(Forwarder, client), call => api.RefreshAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<Done>> LogoutAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller, client), call => api.LogoutAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.ValidateAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<RevocationFeed>> GetRevocationsAsync(Caller caller, long? after, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.GetRevocationsAsync(after, call, cancellationToken), cancellationToken);

    public Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller, client), call => api.CheckPermissionAsync(request, call, cancellationToken), cancellationToken);

    public Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        RemoteCall.SendAsync(Module, new OutgoingCall(caller), call => api.GetAuditAsync(query.Page, query.Size, query.UserId, query.EventType, call, cancellationToken), cancellationToken);
}
