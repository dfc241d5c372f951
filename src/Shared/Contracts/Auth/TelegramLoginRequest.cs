using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>The bot asks for tokens for a person whose Telegram account is already linked.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TelegramLoginRequest(long? TelegramId);
