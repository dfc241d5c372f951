using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using RepitBot.Modules.Auth.Application;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Users;
using Prometheus;
using RepitBot.Shared.Platform.Monitoring;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>
/// The bearer-token check of a service that hosts the Users module but not Auth (the User Service), answered without a
/// call to the Auth Service (ADR 0026): the bearer authentication has validated the token's signature and lifetime, this
/// process's copy of the revocations (the Auth Service's feed, and Redis' announcements) says whether the token or its
/// session was revoked, and the Users module hosted here whether the user is still active with that role and code
/// version, asked as Auth asks it and trusted for as long. When the copy is not recent enough to say (the Auth Service
/// or the way to it is down), the Auth Service is asked as before, so a check never fails open.
/// </summary>
internal sealed class ReplicaSessionCheck(LocalDenylist replica, UserStatusCache userStatus, IUsersModule users, AuthSessionCheck introspection, ReplicaSessionCheck.Metrics metrics) : ISessionCheck
{
    public async Task<SessionState> CheckAsync(JsonWebToken token, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (AccessTokenReader.ClaimsOf(token, principal) is not { } claims || replica.IsDenied(claims.Jti, claims.Sid) is not { } denied)
        {
            metrics.AskedAuth.Inc();
            return await introspection.CheckAsync(token, principal, cancellationToken);
        }

        if (denied)
        {
            return SessionState.Ended;
        }

        return await userStatus.IsActiveAsync(claims.UserId, claims.CodeVersion, (id, ct) => UserStatusCache.AskAsync(users, id, ct), claims.Role, cancellationToken) switch
        {
            true => SessionState.Active,
            false => SessionState.Ended,
            null => SessionState.Unknown,
        };
    }

    /// <summary>How often the copy could not answer: each such check cost a call to the Auth Service.</summary>
    internal sealed class Metrics(ModuleMetrics module)
    {
        public Counter AskedAuth { get; } = module.Factory.CreateCounter(
            "repitbot_auth_replica_introspections_total",
            "Bearer checks sent to the Auth Service because this process's copy of the revocations was not recent enough to answer.");
    }
}
