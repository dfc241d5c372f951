using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Users.Endpoints;

internal static class CreateUserEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/", HandleAsync)
        .WithName("CreateUser")
        .WithSummary("Creates a user and answers with its access code. Sent again with the same Idempotency-Key, it answers the first result.");

    private static async Task<Results<Created<UserWithAccessCode>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal,
        IUsersModule users,
        CreateUserRequest request,
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = IdempotencyKeyHeader.Parse(idempotencyKey);
        if (!key.IsSuccess)
        {
            return ProblemResults.From(key.Error);
        }

        var result = await users.CreateUserAsync(Caller.Of(principal), request, key.Value, cancellationToken);
        return result.ToHttp(created => TypedResults.Created($"/api/v1/users/{created.User.Id}", created));
    }
}
