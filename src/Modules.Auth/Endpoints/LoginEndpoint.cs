using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class LoginEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/login", HandleAsync)
        .AllowAnonymous()
        .WithName("Login")
        .WithSummary("Logs in with an access code. Every failure answers the same 401; telegram_id is refused (only the bot links Telegram accounts); past the per-address limit, 429 with Retry-After.");

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, IAuthModule auth, LoginRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.LoginAsync(request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
