using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class CheckPermissionEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/check-permission", HandleAsync)
        .WithName("CheckPermission")
        .WithSummary("May the caller do this? Decided by the same permission table the endpoints use; denied by default.");

    private static async Task<Results<Ok<PermissionDecision>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, CheckPermissionRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.CheckPermissionAsync(Caller.Of(principal), request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
