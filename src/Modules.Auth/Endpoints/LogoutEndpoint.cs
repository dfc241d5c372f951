using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class LogoutEndpoint
{
    /// <summary>Logging out with only a refresh token names no person yet, as logging in does not.</summary>
    private static readonly Caller Anonymous = Caller.Service("anonymous");

    public static void Map(RouteGroupBuilder group) => group.MapPost("/logout", HandleAsync)
        .AllowAnonymous()
        .WithName("Logout")
        .WithSummary("Ends a session at once: the one of the given refresh token (enough on its own, an expired access token does not matter) and the one of a valid bearer token. 200 also for an unknown or already revoked refresh token.");

    private static async Task<Results<Ok<LogoutResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, LogoutRequest? request, CancellationToken cancellationToken)
    {
        // An expired or otherwise invalid bearer token leaves the request anonymous: the refresh token still ends its session.
        var caller = Caller.FromPrincipal(principal) ?? Anonymous;
        var result = await auth.LogoutAsync(caller, request ?? new LogoutRequest(), ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(_ => TypedResults.Ok(new LogoutResponse(true)));
    }
}

internal sealed record LogoutResponse(bool LoggedOut);
