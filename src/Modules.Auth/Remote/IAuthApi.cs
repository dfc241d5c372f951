using Refit;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Auth.Remote;

/// <summary>The Auth Service's HTTP API, as the Refit client sees it: the same routes the endpoints map.</summary>
internal interface IAuthApi
{
    [Post("/api/v1/auth/login")]
    Task<IApiResponse<TokenPair>> LoginAsync([Body] LoginRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/telegram-link")]
    Task<IApiResponse<TokenPair>> TelegramLinkAsync([Body] TelegramLinkRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/telegram-login")]
    Task<IApiResponse<TokenPair>> TelegramLoginAsync([Body] TelegramLoginRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/refresh")]
    Task<IApiResponse<TokenPair>> RefreshAsync([Body] RefreshRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/logout")]
    Task<IApiResponse> LogoutAsync([Body] LogoutRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/validate")]
    Task<IApiResponse<TokenIntrospection>> ValidateAsync([Body] ValidateTokenRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Get("/api/v1/auth/revocations")]
    Task<IApiResponse<RevocationFeed>> GetRevocationsAsync(long? after, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/auth/check-permission")]
    Task<IApiResponse<PermissionDecision>> CheckPermissionAsync([Body] CheckPermissionRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Get("/api/v1/auth/audit")]
    Task<IApiResponse<AuditPage>> GetAuditAsync(int page, int size, [AliasAs("user_id")] long? userId, [AliasAs("event_type")] string? eventType, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);
}
