using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Users;

/// <summary>A partial update: a field left out (or null) keeps its value.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateUserRequest(
    string? FullName = null,
    string? Username = null,
    long? TelegramId = null,
    bool? IsActive = null);
