using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// Asks whose code this is. With <see cref="TelegramId"/>, a valid code also links that Telegram account
/// to its user (when the user has none yet).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ValidateAccessCodeRequest(string? AccessCode, long? TelegramId = null);
