using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace RepitBot.Shared.Http;

/// <summary>A rate-limited request: 429 problem+json with Retry-After, never a bare 503.</summary>
internal static class TooManyRequests
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.HttpContext.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (problems is not null)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = $"Too many attempts from this address; try again in {seconds} seconds.",
                },
            });
        }
    }
}
