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

internal static class GetUserByTelegramIdEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/telegram/{telegramId:long}", HandleAsync)
        .AllowServices(ServiceNames.Auth)
        .WithName("GetUserByTelegramId")
        .WithSummary("Finds the user linked to a Telegram account, among those the caller may see.");

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, IUsersModule users, long telegramId, CancellationToken cancellationToken)
    {
        var result = await users.FindByTelegramIdAsync(Caller.Of(principal), telegramId, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
