using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>What a valid access token says: whose it is, its id, its session and its lifetime.</summary>
/// <param name="CodeVersion">The version of the access code the token's session was opened with (0 for tokens from before versions).</param>
internal sealed record AccessTokenClaims(long UserId, UserRole Role, string Jti, string? Sid, DateTime ExpiresAt, DateTime IssuedAt, int CodeVersion);

/// <summary>Reads access tokens by the same rules as every role's bearer authentication, built once.</summary>
internal sealed class AccessTokenReader(JwtSettings jwt, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters parameters = AccessTokenValidation.Parameters(jwt, clock);

    /// <summary>The token's claims; null when it is not a valid access token of a person. Revocations are not checked here.</summary>
    public async Task<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        // The validation API takes no token: stop before the work, as it cannot be stopped within.
        cancellationToken.ThrowIfCancellationRequested();
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwtToken)
        {
            return null;
        }

        return ClaimsOf(jwtToken, new ClaimsPrincipal(result.ClaimsIdentity));
    }

    /// <summary>
    /// The claims of a token validated by these same rules (<see cref="AccessTokenValidation"/>, which the bearer
    /// authentication uses too); null when it is not an access token of a person.
    /// </summary>
    public static AccessTokenClaims? ClaimsOf(JsonWebToken jwtToken, ClaimsPrincipal principal)
    {
        var caller = Caller.FromPrincipal(principal);
        if (caller is not { UserId: { } userId, Role: { } role } || !jwtToken.TryGetPayloadValue<string>(RepitBotClaims.TokenId, out var jti))
        {
            return null;
        }

        jwtToken.TryGetPayloadValue<string>(RepitBotClaims.SessionId, out var sid);
        jwtToken.TryGetPayloadValue<int>(RepitBotClaims.CodeVersion, out var codeVersion);
        return new AccessTokenClaims(userId, role, jti, sid, jwtToken.ValidTo, jwtToken.IssuedAt, codeVersion);
    }
}
