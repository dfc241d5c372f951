namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// A user as every caller sees it. It never carries the access code or anything derived from it; only when the current
/// code was issued, which ends the sessions opened with an older one.
/// </summary>
public sealed record UserDto(
    long Id,
    long? TelegramId,
    string? Username,
    string FullName,
    UserRole Role,
    long? TutorId,
    IReadOnlyList<long> ParentIds,
    IReadOnlyList<long> ChildIds,
    bool IsActive,
    DateTime CodeIssuedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt);
