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

internal static class TelegramLoginEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/telegram-login", HandleAsync)
        .RequireServices(ServiceNames.Bot)
        .WithName("TelegramLogin")
        .WithSummary("For the bot identity only: tokens for the person whose Telegram account is already linked.");

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, ClaimsPrincipal principal, IAuthModule auth, TelegramLoginRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.TelegramLoginAsync(Caller.Of(principal), request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
