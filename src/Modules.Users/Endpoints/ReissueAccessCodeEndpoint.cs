using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class ReissueAccessCodeEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:long}/access-code", HandleAsync)
        .WithName("ReissueAccessCode")
        .WithSummary("Issues a new access code: the old one stops working at once and the Telegram account is unlinked.");

    private static async Task<Results<Ok<UserWithAccessCode>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long id, CancellationToken cancellationToken)
    {
        var result = await users.ReissueAccessCodeAsync(Caller.Of(principal), id, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
