namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// A user as every caller sees it. It never carries the access code or anything derived from it; only when the current
/// code was issued and its version (<see cref="CodeVersion"/>), which ends the sessions opened with an older one.
/// </summary>
/// <param name="CodeVersion">
/// Raised by every reissue of the code and by a deactivation: a session or Telegram grant made with an older version
/// is over, so a reactivated user's old sessions stay ended.
/// </param>
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
    DateTime UpdatedAt,
    int CodeVersion);
