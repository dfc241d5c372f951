using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>
/// The Auth module as the host, the other modules and the bot see it. Every failure of a login, a Telegram login or a
/// refresh is the same <see cref="ErrorKind.Unauthorized"/> error, whatever the reason.
/// </summary>
public interface IAuthModule
{
    Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>
    /// For the bot only: a login with an access code typed in Telegram, which links that Telegram account to the code's
    /// user. It counts towards the code's lockout and the login rate limit (per Telegram account) exactly as a login.
    /// </summary>
    Task<Result<TokenPair>> TelegramLinkAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>For the bot only: tokens for the person whose Telegram account is linked.</summary>
    Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken);

    Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>Ends the session of the caller's access token at once, and the refresh-token family given with it.</summary>
    Task<Result<Done>> LogoutAsync(Caller caller, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>Introspection for the services: signature, lifetime, denylist, family and the user being active.</summary>
    Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// For the services that check tokens from a copy of the revocations: those committed after generation
    /// <paramref name="after"/> (every live one when null), and the generation they are complete up to.
    /// </summary>
    Task<Result<RevocationFeed>> GetRevocationsAsync(Caller caller, long? after, CancellationToken cancellationToken);

    Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken);

    Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken);
}
