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

internal static class ValidateAccessCodeEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/validate-access-code", HandleAsync)
        .RequireServices(ServiceNames.Auth)
        .WithName("ValidateAccessCode")
        .WithSummary("Says whose access code this is (the Auth service only, which counts failures towards the lockout); with telegram_id, links the account.");

    private static async Task<Results<Ok<AccessCodeValidation>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, ValidateAccessCodeRequest request, CancellationToken cancellationToken)
    {
        var result = await users.ValidateAccessCodeAsync(Caller.Of(principal), request, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
