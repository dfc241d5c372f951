using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>A login by access code; with <see cref="TelegramId"/> it also links that Telegram account.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LoginRequest(string? AccessCode, long? TelegramId = null);
