using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Modules.Auth.Application;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>
/// The platform's bearer-token check, answered by the Auth module's introspection (in process or remote). It asks as
/// the identity of a module hosted here that may introspect (Users, or the bot), or as Auth itself in process. The
/// bearer authentication has validated the token already: in process, introspection takes its claims from
/// <see cref="ValidatedAccessToken"/> rather than validating it again; a remote Auth Service validates it itself.
/// </summary>
internal sealed class AuthSessionCheck(IAuthModule auth, ServiceKeys keys, ValidatedAccessToken validated) : ISessionCheck, IPersonSessionCheck
{
    private static readonly string[] Introspectors = [ServiceNames.Users, ServiceNames.Bot];

    private readonly Caller tokenCheck = keys.Presented.FirstOrDefault(Introspectors.Contains) is { } name ? Caller.Service(name) : AuthCaller.Self;

    public async Task<SessionState> CheckAsync(JsonWebToken token, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (AccessTokenReader.ClaimsOf(token, principal) is { } claims)
        {
            validated.Remember(token.EncodedToken, claims);
        }

        return await CheckAsync(token.EncodedToken, cancellationToken);
    }

    /// <summary>A kept token, for the router before a module serves its person in process (ADR 0026).</summary>
    public async Task<SessionState> CheckAsync(string accessToken, CancellationToken cancellationToken)
    {
        var result = await auth.ValidateAsync(tokenCheck, new ValidateTokenRequest(accessToken), cancellationToken);

        // Only an answer about the token ends a session: a refused key (401, 403) or an outage is not knowing, a 503.
        return !result.IsSuccess ? SessionState.Unknown
            : result.Value.Active ? SessionState.Active
            : SessionState.Ended;
    }
}
