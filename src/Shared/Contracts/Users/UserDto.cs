namespace RepitBot.Shared.Contracts.Users;

/// <summary>A user as every caller sees it. It never carries the access code or anything derived from it.</summary>
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
    DateTime CreatedAt,
    DateTime UpdatedAt);
