using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>
/// A login by access code. <see cref="TelegramId"/> is refused here (400): a Telegram account is linked only by the
/// bot's identity (<see cref="IAuthModule.TelegramLinkAsync"/>), so nobody can tie someone else's account to a code.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LoginRequest(string? AccessCode, long? TelegramId = null);
