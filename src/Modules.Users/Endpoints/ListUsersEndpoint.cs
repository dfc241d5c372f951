using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class ListUsersEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/", HandleAsync)
        .WithName("ListUsers")
        .WithSummary("Lists the users the caller may see, a page at a time, optionally by role and by name.");

    private static async Task<Results<Ok<UserPage>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal,
        IUsersModule users,
        string? page,
        string? size,
        string? role,
        string? search,
        CancellationToken cancellationToken)
    {
        // Query values arrive as text so a bad one gets a message naming it instead of a bare 400.
        if (QueryParsing.ToListQuery(page, size, role, search) is not { } query)
        {
            return ProblemResults.From(QueryParsing.ListQueryError(page, size, role));
        }

        var result = await users.ListUsersAsync(Caller.Of(principal), query, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
