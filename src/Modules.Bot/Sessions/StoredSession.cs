using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Sessions;

/// <summary>A person's tokens as the bot keeps them. Never logged: <see cref="ToString"/> names the user only.</summary>
internal sealed record StoredSession(long UserId, UserRole Role, string AccessToken, string RefreshToken, DateTimeOffset AccessExpiresAt)
{
    public override string ToString() => $"session of user:{UserId}";
}
