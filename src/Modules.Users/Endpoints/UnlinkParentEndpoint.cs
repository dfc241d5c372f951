using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class UnlinkParentEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapDelete("/{childId:long}/parents/{parentId:long}", HandleAsync)
        .WithName("UnlinkParent")
        .WithSummary("Removes the link between a parent and a student.");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long childId, long parentId, CancellationToken cancellationToken)
    {
        var result = await users.UnlinkParentAsync(Caller.Of(principal), childId, parentId, cancellationToken);
        return result.ToHttp(_ => TypedResults.NoContent());
    }
}
