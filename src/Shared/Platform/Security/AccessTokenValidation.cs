using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// What makes an access token acceptable: HS256 only, a current key (or the previous one until its end), the pinned
/// issuer, audience and type, and a lifetime checked against the application's clock with at most 30 s of skew.
/// </summary>
public static class AccessTokenValidation
{
    public static TokenValidationParameters Parameters(JwtSettings jwt, TimeProvider clock)
    {
        var current = new SymmetricSecurityKey(jwt.SigningKey) { KeyId = jwt.KeyId };
        var previous = jwt.PreviousKey is null ? null : new SymmetricSecurityKey(jwt.PreviousKey) { KeyId = jwt.PreviousKeyId };
        return new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyResolver = (_, _, _, _) =>
                previous is not null && clock.GetUtcNow() < jwt.PreviousKeyValidUntil ? [current, previous] : [current],
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && now <= exp + JwtSettings.ClockSkew && (notBefore is not { } nbf || now >= nbf - JwtSettings.ClockSkew);
            },
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtSettings.AccessTokenType],
            ClockSkew = JwtSettings.ClockSkew,
            NameClaimType = RepitBotClaims.Subject,
            RoleClaimType = RepitBotClaims.Role,
        };
    }
}
