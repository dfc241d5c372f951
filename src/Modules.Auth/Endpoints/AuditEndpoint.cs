using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class AuditEndpoint
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/audit", HandleAsync)
        .WithName("ReadAuditLog")
        .WithSummary("The authentication audit log, newest first (admins only); filter by user_id and event_type.");

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, IAuthModule auth, string? page, string? size, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "user_id")] string? userId, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "event_type")] string? eventType, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new AuditQuery(
            Parse(page, "page", 1, errors),
            Parse(size, "size", 50, errors),
            string.IsNullOrEmpty(userId) ? null : ParseUserId(userId, errors),
            string.IsNullOrEmpty(eventType) ? null : eventType);
        if (errors.Count > 0)
        {
            return ProblemResults.From(RepitBot.Shared.Contracts.Results.ModuleError.Invalid(errors));
        }

        var result = await auth.GetAuditAsync(Caller.Of(principal), query, cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }

    private static long? ParseUserId(string value, Dictionary<string, string[]> errors)
    {
        if (long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors["user_id"] = ["'user_id' must be a whole number."];
        return null;
    }

    private static int Parse(string? value, string name, int defaultValue, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors[name] = [$"'{name}' must be a whole number."];
        return defaultValue;
    }
}
