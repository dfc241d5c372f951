using Refit;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Users.Remote;

/// <summary>The User Service's HTTP API, as the Refit client sees it: the same routes the endpoints map.</summary>
internal interface IUsersApi
{
    [Get("/api/v1/users")]
    Task<IApiResponse<UserPage>> ListAsync(int page, int size, string? role, string? search, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Get("/api/v1/users/summaries")]
    Task<IApiResponse<UserSummaryPage>> ListSummariesAsync(int page, int size, string? role, string? search, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Get("/api/v1/users/{id}")]
    Task<IApiResponse<UserDto>> GetAsync(long id, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Get("/api/v1/users/telegram/{telegramId}")]
    Task<IApiResponse<UserDto>> FindByTelegramIdAsync(long telegramId, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/users")]
    Task<IApiResponse<UserWithAccessCode>> CreateAsync([Body] CreateUserRequest request, [Header(IdempotencyKey.HeaderName)] string idempotencyKey, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Put("/api/v1/users/{id}")]
    Task<IApiResponse<UserDto>> UpdateAsync(long id, [Body] UpdateUserRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Delete("/api/v1/users/{id}")]
    Task<IApiResponse> DeleteAsync(long id, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/users/{id}/access-code")]
    Task<IApiResponse<UserWithAccessCode>> ReissueAccessCodeAsync(long id, [Header(IdempotencyKey.HeaderName)] string idempotencyKey, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Put("/api/v1/users/{childId}/parents/{parentId}")]
    Task<IApiResponse<UserDto>> LinkParentAsync(long childId, long parentId, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Delete("/api/v1/users/{childId}/parents/{parentId}")]
    Task<IApiResponse> UnlinkParentAsync(long childId, long parentId, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);

    [Post("/api/v1/users/validate-access-code")]
    Task<IApiResponse<AccessCodeValidation>> ValidateAccessCodeAsync([Body] ValidateAccessCodeRequest request, [Property(OutgoingCall.PropertyName)] OutgoingCall call, CancellationToken cancellationToken);
}
