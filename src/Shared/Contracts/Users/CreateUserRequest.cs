using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// A new user. <see cref="TutorId"/> names the owning tutor when an admin creates a student or parent;
/// a tutor always owns what they create. <see cref="ParentIds"/> links a new student to up to two parents.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateUserRequest(
    string? FullName,
    UserRole? Role,
    long? TelegramId = null,
    string? Username = null,
    IReadOnlyList<long>? ParentIds = null,
    long? TutorId = null);
