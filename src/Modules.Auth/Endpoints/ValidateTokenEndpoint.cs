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

internal static class ValidateTokenEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/validate", HandleAsync)
        .RequireServices(ServiceNames.Users, ServiceNames.Bot)
        .WithName("ValidateToken")
        .WithSummary("Token introspection for the services (the users and bot identities): {active, user_id, role, exp, ...} or {active: false}.");

    private static async Task<Results<Ok<TokenIntrospection>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, IAuthModule auth, ValidateTokenRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.ValidateAsync(Caller.Of(principal), request, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
