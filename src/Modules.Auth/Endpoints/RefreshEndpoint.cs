using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class RefreshEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapPost("/refresh", HandleAsync)
        .AllowAnonymous()
        .AddEndpointFilter(LimitPerClientAsync)
        .WithName("Refresh")
        .WithSummary("Rotates a refresh token: answers a new pair and consumes the old token; a retry within 5 s answers the same pair. Reusing a consumed token later ends the session.");

    /// <summary>Past REFRESH_RATE_LIMIT_PER_MINUTE from one address: 429 with Retry-After, before any work is done.</summary>
    private static async ValueTask<object?> LimitPerClientAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<LoginRateLimiter>();
        var limit = http.RequestServices.GetRequiredService<AuthSettings>().RefreshRateLimitPerMinute;
        if (await limiter.TryAcquireAsync("refresh", limit, ClientInfoOf.Request(http).Address ?? "unknown", http.RequestAborted) is not { } retryAfter)
        {
            return await next(context);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many requests.",
            detail: $"Too many refreshes from this address; try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> HandleAsync(HttpContext context, IAuthModule auth, RefreshRequest request, CancellationToken cancellationToken)
    {
        var result = await auth.RefreshAsync(request, ClientInfoOf.Request(context), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }
}
