using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// The deployment flags for a caller in process, with the same rule as <c>/api/v1/admin/features</c>: admins read and
/// set them, and a change is stored in the shared flag store, audited with who made it, followed by every instance.
/// For background work (the bot's admin screen), which has a caller but no HTTP request.
/// </summary>
public sealed class FeatureFlagAdministration
{
    private readonly DeploymentFlags flags;
    private readonly IFlagOverrideStore store;

    internal FeatureFlagAdministration(DeploymentFlags flags, IFlagOverrideStore store)
    {
        this.flags = flags;
        this.store = store;
    }

    public async Task<Result<IReadOnlyList<FlagState>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (Denied(caller, PermissionActions.Read) is { } denied)
        {
            return denied;
        }

        return Result<IReadOnlyList<FlagState>>.Success(await flags.AllAsync(cancellationToken));
    }

    public async Task<Result<FlagState>> SetAsync(Caller caller, string name, bool enabled, CancellationToken cancellationToken)
    {
        if (Denied(caller, PermissionActions.Update) is { } denied)
        {
            return denied;
        }

        if (!flags.Names.Contains(name))
        {
            return ModuleError.NotFound($"There is no flag '{name}'.");
        }

        await store.SetAsync(name, enabled, caller.ToString(), cancellationToken);
        return await flags.StateOfAsync(name, cancellationToken);
    }

    private static ModuleError? Denied(Caller caller, string action) =>
        PermissionTable.ScopeOf(caller, PermissionResources.FeatureFlags, action).HasFlag(PermissionScope.All)
            ? null
            : ModuleError.Forbidden("Only admins may read or change the deployment flags.");
}
