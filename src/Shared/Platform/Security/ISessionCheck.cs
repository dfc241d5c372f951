using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Whether the session behind a well-signed access token still stands (not logged out, not revoked, its user still
/// active). The module that owns sessions registers it, in process or as a client of its service; with none
/// registered every bearer token is refused, since nobody could say it was not revoked.
/// </summary>
public interface ISessionCheck
{
    /// <param name="token">The token, already validated by the bearer authentication (signature, lifetime, issuer, ...).</param>
    /// <param name="principal">What that validation made of it.</param>
    /// <param name="cancellationToken">The request's.</param>
    Task<SessionState> CheckAsync(JsonWebToken token, ClaimsPrincipal principal, CancellationToken cancellationToken);
}
