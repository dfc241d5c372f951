using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>Signs access tokens: HS256 with the current key and its kid, typ at+jwt, a jti each, the session's id as sid.</summary>
internal sealed class AccessTokenIssuer(JwtSettings jwt, TimeProvider clock)
{
    private readonly SigningCredentials credentials = new(new SymmetricSecurityKey(jwt.SigningKey) { KeyId = jwt.KeyId }, SecurityAlgorithms.HmacSha256);
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public (string Token, string Jti, DateTime ExpiresAt) Issue(long userId, UserRole role, Guid sessionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var jti = Guid.NewGuid().ToString("N");
        var expiresAt = now + jwt.AccessTokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expiresAt,
            TokenType = JwtSettings.AccessTokenType,
            SigningCredentials = credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(RepitBotClaims.Subject, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(RepitBotClaims.Role, role.ToString().ToLowerInvariant()),
                new Claim(RepitBotClaims.TokenId, jti),
                new Claim(RepitBotClaims.SessionId, sessionId.ToString("N")),
            ]),
        });
        return (token, jti, expiresAt);
    }
}
