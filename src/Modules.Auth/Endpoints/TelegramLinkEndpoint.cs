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

internal static class TelegramLinkEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/telegram-link", HandleAsync)
        .RequireServices(ServiceNames.Bot)
        .WithName("TelegramLink")
        .WithSummary("For the bot identity only: a login with the access code a person typed in Telegram, which links that Telegram account; counted like a login.");

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, TelegramLinkRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.TelegramLinkAsync(Caller.Of(principal), request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
