using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class DeleteUserEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapDelete("/{id:long}", HandleAsync)
        .WithName("DeleteUser")
        .WithSummary("Deletes a user and their parent/child links.");

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long id, CancellationToken cancellationToken)
    {
        var result = await users.DeleteUserAsync(Caller.Of(principal), id, cancellationToken);
        return result.ToHttp(_ => TypedResults.NoContent());
    }
}
