using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class LoginEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/login", HandleAsync)
        .AllowAnonymous()
        .AddEndpointFilter(LimitPerClientAsync)
        .WithName("Login")
        .WithSummary("Logs in with an access code. Every failure answers the same 401; telegram_id is refused (only the bot links Telegram accounts).");

    /// <summary>Past the per-address limit: 429 with Retry-After, before any work is done.</summary>
    private static async ValueTask<object?> LimitPerClientAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<LoginRateLimiter>();
        if (await limiter.TryAcquireAsync(ClientInfoOf.Request(http).Address ?? "unknown", http.RequestAborted) is not { } retryAfter)
        {
            return await next(context);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many requests.",
            detail: $"Too many login attempts from this address; try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, IAuthModule auth, LoginRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.LoginAsync(request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
