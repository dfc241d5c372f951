using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Http;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class RevocationsEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/revocations", HandleAsync)
        .RequireServices(ServiceNames.Users, ServiceNames.Bot)
        .WithName("GetRevocations")
        .WithSummary("The revocations (jti, sid) above generation `after` that still matter, and the generation they are complete up to; for the services that check tokens themselves.");

    private static async Task<Results<Ok<RevocationFeed>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, IAuthModule auth, long? after, CancellationToken cancellationToken)
    {
        var result = await auth.GetRevocationsAsync(Caller.Of(principal), after, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
