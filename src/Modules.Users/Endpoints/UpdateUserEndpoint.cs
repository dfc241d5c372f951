using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class UpdateUserEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPut("/{id:long}", HandleAsync)
        .WithName("UpdateUser")
        .WithSummary("Changes the fields given; {\"is_active\": false} deactivates the user.");

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        var result = await users.UpdateUserAsync(Caller.Of(principal), id, request, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
