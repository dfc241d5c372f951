using System.Collections.Concurrent;
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

/// <summary>
/// Reads access tokens by the same rules as every role's bearer authentication, built once. A token signed with the
/// current key is remembered with its claims until it expires: its signature, issuer, audience and type cannot change,
/// so the next read of the same text (the bot and the services introspect one token on every call) only checks its
/// lifetime again. Revocations are never remembered here: the caller checks them on every read.
/// </summary>
internal sealed class AccessTokenReader(JwtSettings jwt, TimeProvider clock)
{
    /// <summary>How many tokens are remembered at most (each a few hundred bytes); past it, the memory starts over.</summary>
    private const int RememberedLimit = 4096;

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters parameters = AccessTokenValidation.Parameters(jwt, clock);
    private readonly ConcurrentDictionary<string, AccessTokenClaims> remembered = new(StringComparer.Ordinal);

    /// <summary>The token's claims; null when it is not a valid access token of a person. Revocations are not checked here.</summary>
    public async Task<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        // The validation API takes no token: stop before the work, as it cannot be stopped within.
        cancellationToken.ThrowIfCancellationRequested();
        if (remembered.TryGetValue(token, out var known))
        {
            if (clock.GetUtcNow().UtcDateTime <= known.ExpiresAt + JwtSettings.ClockSkew)
            {
                return known;
            }

            remembered.TryRemove(token, out _);
        }

        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwtToken)
        {
            return null;
        }

        var claims = ClaimsOf(jwtToken, new ClaimsPrincipal(result.ClaimsIdentity));
        // Only the current key's tokens: one signed with the previous key stops being valid when that key's time ends.
        if (claims is not null && string.Equals(jwtToken.Kid, jwt.KeyId, StringComparison.Ordinal))
        {
            if (remembered.Count >= RememberedLimit)
            {
                remembered.Clear();
            }

            remembered[token] = claims;
        }

        return claims;
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
