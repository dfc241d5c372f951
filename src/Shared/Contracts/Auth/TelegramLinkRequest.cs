using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>
/// The bot logs a person in with their access code from their Telegram account, and so links that account to them
/// (never over an account already linked to another one).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TelegramLinkRequest(string? AccessCode, long? TelegramId);
