using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>
/// Signs access tokens: HS256 with the current key and its kid, typ at+jwt, a jti each, the session's id as sid and the
/// version of the access code the session was opened with as cver. The same claims give the same token, so a retried
/// refresh answers the very token it answered first.
/// </summary>
internal sealed class AccessTokenIssuer(JwtSettings jwt)
{
    private readonly SigningCredentials credentials = new(new SymmetricSecurityKey(jwt.SigningKey) { KeyId = jwt.KeyId }, SecurityAlgorithms.HmacSha256);
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string NewTokenId() => Guid.NewGuid().ToString("N");

    /// <summary>The token with this jti issued at <paramref name="issuedAt"/> (cut to its second, as the token says it).</summary>
    public (string Token, string Jti, DateTime ExpiresAt) Issue(long userId, UserRole role, Guid sessionId, int codeVersion, string jti, DateTime issuedAt)
    {
        var now = new DateTime(issuedAt.Ticks - (issuedAt.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
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
                new Claim(RepitBotClaims.CodeVersion, codeVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
            ]),
        });
        return (token, jti, expiresAt);
    }
}
