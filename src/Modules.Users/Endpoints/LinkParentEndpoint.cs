using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class LinkParentEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPut("/{childId:long}/parents/{parentId:long}", HandleAsync)
        .WithName("LinkParent")
        .WithSummary("Links a parent to a student of the same tutor (at most two parents); linking again changes nothing.");

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long childId, long parentId, CancellationToken cancellationToken)
    {
        var result = await users.LinkParentAsync(Caller.Of(principal), childId, parentId, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
