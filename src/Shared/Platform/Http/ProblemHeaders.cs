using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RepitBot.Shared.Platform.Http;

/// <summary>
/// The headers a problem response carries besides its body, written as the problem is written (the
/// <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/> hook), so every endpoint's problem gets them without
/// its own result type: <c>Retry-After</c> on a 429, and <see cref="NotExecutedHeader"/> on a 503 that refused before
/// changing anything.
/// </summary>
public static class ProblemHeaders
{
    /// <summary>
    /// RepitBot's own mark on a 503: "nothing was done, try elsewhere". A 503 without it (from a proxy in between, or
    /// after a write's outcome became unknown) may have carried the write out.
    /// </summary>
    public const string NotExecutedHeader = "X-RepitBot-Not-Executed";

    internal const string RetryAfterExtension = "retry_after";
    internal const string NotExecutedExtension = "repitbot.not_executed";

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Marks a response as refused before anything was done.</summary>
    public static void MarkNotExecuted(HttpResponse response) => response.Headers[NotExecutedHeader] = "true";

    internal static void Apply(ProblemDetailsContext context)
    {
        var extensions = context.ProblemDetails.Extensions;
        var response = context.HttpContext.Response;
        if (extensions.TryGetValue(RetryAfterExtension, out var wait) && wait is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        // The mark is for the header only: the body stays the same problem a client would get anyway.
        if (extensions.Remove(NotExecutedExtension))
        {
            MarkNotExecuted(response);
        }
    }
}
