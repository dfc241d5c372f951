using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class ListUserSummariesEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/summaries", HandleAsync)
        .WithName("ListUserSummaries")
        .WithSummary("The same page as the list of users, each user with their id, name, role, whether active and whether Telegram is linked.");

    private static async Task<Results<Ok<UserSummaryPage>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal,
        IUsersModule users,
        string? page,
        string? size,
        string? role,
        string? search,
        CancellationToken cancellationToken)
    {
        if (QueryParsing.ToListQuery(page, size, role, search) is not { } query)
        {
            return ProblemResults.From(QueryParsing.ListQueryError(page, size, role));
        }

        var result = await users.ListUserSummariesAsync(Caller.Of(principal), query, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
