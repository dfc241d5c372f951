using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>The validation of access tokens, built once: the same rules as every role's bearer authentication.</summary>
internal sealed class AccessTokenReader(JwtSettings jwt, TimeProvider clock)
{
    public JsonWebTokenHandler Handler { get; } = new() { MapInboundClaims = false };

    public TokenValidationParameters Parameters { get; } = AccessTokenValidation.Parameters(jwt, clock);
}
