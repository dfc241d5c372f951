namespace RepitBot.Modules.Auth.Tokens;

/// <summary>
/// The access token the bearer authentication of this request has validated, with its claims: introspection in the
/// same request (the session check, in process) takes them from here instead of validating the token a second time.
/// Scoped to the request, and matched by the token's text, so nothing carries over to another token or request.
/// </summary>
internal sealed class ValidatedAccessToken
{
    private (string Token, AccessTokenClaims Claims)? validated;

    public void Remember(string token, AccessTokenClaims claims) => validated = (token, claims);

    /// <summary>The claims of <paramref name="token"/> if it is the one validated in this request; null otherwise.</summary>
    public AccessTokenClaims? ClaimsOf(string token) =>
        validated is { } known && string.Equals(known.Token, token, StringComparison.Ordinal) ? known.Claims : null;
}
