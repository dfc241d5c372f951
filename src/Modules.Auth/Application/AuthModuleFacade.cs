using RepitBot.Modules.Auth.Application.CheckPermission;
using RepitBot.Modules.Auth.Application.Login;
using RepitBot.Modules.Auth.Application.Logout;
using RepitBot.Modules.Auth.Application.ReadAuditLog;
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
/// and the router call this; it only hands each call to its handler.
/// </summary>
internal sealed class AuthModuleFacade(
    LoginHandler login,
    TelegramLinkHandler telegramLink,
    TelegramLoginHandler telegramLogin,
    RefreshHandler refresh,
    LogoutHandler logout,
    ValidateTokenHandler validateToken,
    CheckPermissionHandler checkPermission,
    ReadAuditLogHandler readAuditLog) : IAuthModule
{
    public Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        login.HandleAsync(request, client, cancellationToken);

    public Task<Result<TokenPair>> TelegramLinkAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        telegramLink.HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        telegramLogin.HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        refresh.HandleAsync(request, client, cancellationToken);

    public Task<Result<Done>> LogoutAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        logout.HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken) =>
        validateToken.HandleAsync(caller, request, cancellationToken);

    public Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken) =>
        checkPermission.HandleAsync(caller, request, client, cancellationToken);

    public Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken) =>
        readAuditLog.HandleAsync(caller, query, cancellationToken);
}
