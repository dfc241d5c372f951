using Microsoft.IdentityModel.Tokens;

namespace RepitBot.Shared.Security;

/// <summary>What makes an access token acceptable: HS256 only, the pinned issuer, audience and type, a short skew.</summary>
public static class AccessTokenValidation
{
    public static TokenValidationParameters Parameters(JwtSettings jwt) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = jwt.Issuer,
        ValidateAudience = true,
        ValidAudience = jwt.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [JwtSettings.AccessTokenType],
        ClockSkew = JwtSettings.ClockSkew,
        NameClaimType = RepitBotClaims.Subject,
        RoleClaimType = RepitBotClaims.Role,
    };
}
