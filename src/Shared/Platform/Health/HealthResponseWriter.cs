using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Shared.Platform.Json;

namespace RepitBot.Shared.Platform.Health;

/// <summary>
/// Writes /health as JSON: the overall status, and each dependency's status for those who may see the detail (see
/// <see cref="HealthDetailAccess"/>). Never an exception's text.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (!context.RequestServices.GetRequiredService<HealthDetailAccess>().SeesDetail(context))
        {
            return JsonSerializer.SerializeAsync(context.Response.Body, new { Status = Name(report.Status) }, RepitBotJson.Options, context.RequestAborted);
        }

        var body = new
        {
            Status = Name(report.Status),
            Checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    Status = Name(entry.Value.Status),
                    entry.Value.Description,
                    Required = entry.Value.Tags.Contains(HealthTags.Required),
                    DurationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                    Modules = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, RepitBotJson.Options, context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
