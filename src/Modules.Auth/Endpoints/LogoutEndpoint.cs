using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Http;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class LogoutEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/logout", HandleAsync)
        .WithName("Logout")
        .WithSummary("Ends the session at once: the presented access token and the refresh-token family. Always 200 for a valid access token.");

    private static async Task<Results<Ok<LogoutResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, LogoutRequest? request, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (Caller.Of(principal).IsService || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResults.From(RepitBot.Shared.Contracts.Results.ModuleError.Forbidden("Logout ends a person's session: call it with that person's bearer token."));
        }

        var accessToken = header["Bearer ".Length..].Trim();
        var result = await auth.LogoutAsync(accessToken, request ?? new LogoutRequest(), ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(_ => TypedResults.Ok(new LogoutResponse(true)));
    }
}

internal sealed record LogoutResponse(bool LoggedOut);
