using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Auth.Remote;

/// <summary><see cref="IAuthModule"/> as everyone resolves it: every call through the shared <see cref="ModuleRouter"/>.</summary>
internal sealed class RoutedAuthModule(ModuleRouter router) : IAuthModule
{
    public Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(null, CallKind.Write, auth => auth.LoginAsync(request, client, cancellationToken));

    public Task<Result<TokenPair>> TelegramLinkAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, auth => auth.TelegramLinkAsync(caller, request, client, cancellationToken));

    public Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, auth => auth.TelegramLoginAsync(caller, request, client, cancellationToken));

    public Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(null, CallKind.Write, auth => auth.RefreshAsync(request, client, cancellationToken));

    public Task<Result<Done>> LogoutAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Write, auth => auth.LogoutAsync(caller, request, client, cancellationToken));

    public Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, auth => auth.ValidateAsync(caller, request, cancellationToken));

    public Task<Result<RevocationFeed>> GetRevocationsAsync(Caller caller, long? after, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, auth => auth.GetRevocationsAsync(caller, after, cancellationToken));

    public Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, auth => auth.CheckPermissionAsync(caller, request, client, cancellationToken));

    public Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        Route(caller, CallKind.Read, auth => auth.GetAuditAsync(caller, query, cancellationToken));

    private Task<Result<T>> Route<T>(Caller? caller, CallKind kind, Func<IAuthModule, Task<Result<T>>> call) =>
        router.CallAsync(AuthModule.Name, caller, kind, call);
}
