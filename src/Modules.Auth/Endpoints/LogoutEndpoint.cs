using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class LogoutEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/logout", HandleAsync)
        .WithName("Logout")
        .WithSummary("Ends the session at once: the presented access token and the refresh-token family. Always 200 for a valid access token.");

    private static async Task<Results<Ok<LogoutResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, LogoutRequest? request, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(principal);
        if (caller.IsService || caller.AccessToken is null)
        {
            return ProblemResults.From(ModuleError.Forbidden("Logout ends a person's session: call it with that person's bearer token."));
        }

        var result = await auth.LogoutAsync(caller, request ?? new LogoutRequest(), ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(_ => TypedResults.Ok(new LogoutResponse(true)));
    }
}

internal sealed record LogoutResponse(bool LoggedOut);
