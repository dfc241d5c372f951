using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Users.Endpoints;

internal static class GetUserEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/{id:long}", HandleAsync)
        .AllowServices(ServiceNames.Auth)
        .WithName("GetUser")
        .WithSummary("Gets one user the caller may see; another tutor's user answers 404.");

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long id, CancellationToken cancellationToken)
    {
        var result = await users.GetUserAsync(Caller.Of(principal), id, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
