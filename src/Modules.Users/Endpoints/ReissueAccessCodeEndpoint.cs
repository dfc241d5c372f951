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

internal static class ReissueAccessCodeEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/{id:long}/access-code", HandleAsync)
        .WithName("ReissueAccessCode")
        .WithSummary("Issues a new access code: the old one stops working at once and the Telegram account is unlinked. Sent again with the same Idempotency-Key, it answers the first code.");

    private static async Task<Results<Ok<UserWithAccessCode>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal,
        IUsersModule users,
        long id,
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var key = IdempotencyKeyHeader.Parse(idempotencyKey);
        if (!key.IsSuccess)
        {
            return ProblemResults.From(key.Error);
        }

        var result = await users.ReissueAccessCodeAsync(Caller.Of(principal), id, key.Value, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
