using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Admins read and toggle the deployment flags at runtime: <c>/api/v1/admin/features</c>. A change is stored in the
/// shared database, audited with who made it, and reaches every instance within seconds.
/// </summary>
internal static class FeatureFlagEndpoints
{
    public static IEndpointRouteBuilder MapFeatureFlagEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var features = endpoints.MapGroup("/api/v1/admin/features").WithTags("Admin").RequireAuthorization();
        features.MapGet("/", ListAsync).WithName("ListFeatureFlags").WithSummary("Every deployment flag: its value, its default and where the value comes from.");
        features.MapPut("/{name}", SetAsync).WithName("SetFeatureFlag").WithSummary("Sets a flag at runtime: {\"enabled\": true|false}.");
        features.MapDelete("/{name}", ResetAsync).WithName("ResetFeatureFlag").WithSummary("Resets a flag to its configured default.");
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<FlagState>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal principal, DeploymentFlags flags, CancellationToken cancellationToken)
    {
        if (Denied(principal, PermissionActions.Read) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(await flags.AllAsync(cancellationToken));
    }

    private static async Task<Results<Ok<FlagState>, ProblemHttpResult>> SetAsync(string name, SetFlagRequest request, ClaimsPrincipal principal, DeploymentFlags flags, IFlagOverrideStore store, CancellationToken cancellationToken)
    {
        if (Denied(principal, PermissionActions.Update) is { } denied)
        {
            return denied;
        }

        if (!flags.Names.Contains(name))
        {
            return ProblemResults.From(ModuleError.NotFound($"There is no flag '{name}'; the flags are {string.Join(", ", flags.Names)}."));
        }

        if (request.Enabled is not { } enabled)
        {
            return ProblemResults.From(ModuleError.Invalid("enabled", "'enabled' is required: true or false."));
        }

        await store.SetAsync(name, enabled, ChangedBy(principal), cancellationToken);
        return TypedResults.Ok(await flags.StateOfAsync(name, cancellationToken));
    }

    private static async Task<Results<Ok<FlagState>, ProblemHttpResult>> ResetAsync(string name, ClaimsPrincipal principal, DeploymentFlags flags, IFlagOverrideStore store, CancellationToken cancellationToken)
    {
        if (Denied(principal, PermissionActions.Update) is { } denied)
        {
            return denied;
        }

        if (!flags.Names.Contains(name))
        {
            return ProblemResults.From(ModuleError.NotFound($"There is no flag '{name}'."));
        }

        await store.SetAsync(name, null, ChangedBy(principal), cancellationToken);
        return TypedResults.Ok(await flags.StateOfAsync(name, cancellationToken));
    }

    private static ProblemHttpResult? Denied(ClaimsPrincipal principal, string action) =>
        May(principal, action) ? null : ProblemResults.From(ModuleError.Forbidden("Only admins may read or change the deployment flags."));

    /// <summary>Whether the principal may do <paramref name="action"/> to the deployment flags (admins, by the permission table).</summary>
    internal static bool May(ClaimsPrincipal principal, string action) =>
        Caller.FromPrincipal(principal) is { } caller && PermissionTable.ScopeOf(caller, PermissionResources.FeatureFlags, action).HasFlag(PermissionScope.All);

    /// <summary>Who changed a flag, for its audit trail: a user id or a service name, never more.</summary>
    private static string ChangedBy(ClaimsPrincipal principal) => Caller.FromPrincipal(principal)?.ToString() ?? "unknown";

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    internal sealed record SetFlagRequest(bool? Enabled);
}
