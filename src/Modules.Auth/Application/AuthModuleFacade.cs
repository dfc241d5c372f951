using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Auth.Application.CheckPermission;
using RepitBot.Modules.Auth.Application.Login;
using RepitBot.Modules.Auth.Application.Logout;
using RepitBot.Modules.Auth.Application.ReadAuditLog;
using RepitBot.Modules.Auth.Application.ReadRevocations;
using RepitBot.Modules.Auth.Application.Refresh;
using RepitBot.Modules.Auth.Application.TelegramLink;
using RepitBot.Modules.Auth.Application.TelegramLogin;
using RepitBot.Modules.Auth.Application.ValidateToken;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// The in-process implementation of <see cref="IAuthModule"/>: one handler per use case behind it. The HTTP endpoints
/// and the router call this; it only hands each call to its handler, resolved from the request's scope for that call
/// alone: taking all eight in the constructor built every one (with its stores) for every token check.
/// </summary>
internal sealed class AuthModuleFacade(IServiceProvider scope) : IAuthModule
{
    public Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<LoginHandler>().HandleAsync(request, client, cancellationToken);

    public Task<Result<TokenPair>> TelegramLinkAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<TelegramLinkHandler>().HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<TelegramLoginHandler>().HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<RefreshHandler>().HandleAsync(request, client, cancellationToken);

    public Task<Result<Done>> LogoutAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<LogoutHandler>().HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken) =>
        Handler<ValidateTokenHandler>().HandleAsync(caller, request, cancellationToken);

    public Task<Result<RevocationFeed>> GetRevocationsAsync(Caller caller, long? after, CancellationToken cancellationToken) =>
        Handler<ReadRevocationsHandler>().HandleAsync(caller, after, cancellationToken);

    public Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        Handler<CheckPermissionHandler>().HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        Handler<ReadAuditLogHandler>().HandleAsync(caller, query, cancellationToken);

    private T Handler<T>()
        where T : notnull => scope.GetRequiredService<T>();
}
