using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>What a login or a refresh answers. <see cref="ExpiresIn"/> is the access token's lifetime in seconds.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, long UserId, UserRole UserRole)
{
    public const string BearerType = "bearer";
}
