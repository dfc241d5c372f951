using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class RefreshEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/refresh", HandleAsync)
        .AllowAnonymous()
        .WithName("Refresh")
        .WithSummary("Rotates a refresh token: answers a new pair and consumes the old token; a retry within 5 s answers the same pair; past the per-address limit, 429 with Retry-After. Reusing a consumed token later ends the session.");

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, IAuthModule auth, RefreshRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.RefreshAsync(request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
