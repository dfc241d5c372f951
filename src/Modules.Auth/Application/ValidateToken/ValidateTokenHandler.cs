using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application.ValidateToken;

/// <summary>
/// Token introspection for the services: a token is active when it is valid, neither it nor its session is revoked,
/// and its user is still active with that role and their code has the version the token's session was opened with.
/// </summary>
internal sealed class ValidateTokenHandler(AccessTokenReader tokenReader, ValidatedAccessToken validated, RevocationStore revocations, UserStatusCache userStatus, IUsersModule users)
{
    public async Task<Result<TokenIntrospection>> HandleAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken)
    {
        if (!caller.IsService)
        {
            return ModuleError.Forbidden("Only the RepitBot services may introspect tokens.");
        }

        // A token this request's bearer authentication validated is not validated again.
        if (string.IsNullOrEmpty(request.Token) || (validated.ClaimsOf(request.Token) ?? await tokenReader.ReadAsync(request.Token, cancellationToken)) is not { } token)
        {
            return TokenIntrospection.Inactive;
        }

        if (await revocations.IsRevokedAsync(token.Jti, token.Sid, cancellationToken))
        {
            return TokenIntrospection.Inactive;
        }

        var active = await userStatus.IsActiveAsync(token.UserId, token.CodeVersion, (id, ct) => UserStatusCache.AskAsync(users, id, ct), token.Role, cancellationToken);
        if (active is null)
        {
            // Not knowing is not "inactive": the caller may try elsewhere, and nobody is logged out by an outage.
            return ModuleError.Unavailable("Tokens cannot be checked right now.");
        }

        if (active is false)
        {
            return TokenIntrospection.Inactive;
        }

        return new TokenIntrospection(true, token.UserId, token.Role, new DateTimeOffset(token.ExpiresAt).ToUnixTimeSeconds(), new DateTimeOffset(token.IssuedAt).ToUnixTimeSeconds(), token.Jti, token.Sid);
    }
}
