using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Feeds Microsoft.FeatureManagement with the deployment flags: a runtime override wins, then the flag's own setting,
/// then (for a module flag) its global flag, then the default. Read per call, asynchronously, so a toggle applies to
/// the next call without a restart.
/// </summary>
internal sealed class DeploymentFlags(IConfiguration configuration, IEnumerable<RoutedModule> modules, IFlagOverrideStore? overrides = null) : IFeatureDefinitionProvider
{
    private static readonly Dictionary<string, bool> Defaults = new(StringComparer.Ordinal)
    {
        [FlagNames.EnableMicroservices] = false,
        [FlagNames.FallbackToMonolith] = true,
    };

    /// <summary>Every flag of the modules routed in this process, global first.</summary>
    public IReadOnlyList<string> Names { get; } = FlagNames.Of(modules);

    public async Task<FeatureDefinition?> GetFeatureDefinitionAsync(string featureName)
    {
        if (!Names.Contains(featureName))
        {
            return null;
        }

        var state = await StateOfAsync(featureName, CancellationToken.None);
        return Definition(featureName, state.Enabled);
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var flag in Names)
        {
            yield return Definition(flag, (await StateOfAsync(flag, CancellationToken.None)).Enabled);
        }
    }

    public async Task<IReadOnlyList<FlagState>> AllAsync(CancellationToken cancellationToken)
    {
        var states = new List<FlagState>();
        foreach (var flag in Names)
        {
            states.Add(await StateOfAsync(flag, cancellationToken));
        }

        return states;
    }

    public async Task<FlagState> StateOfAsync(string flag, CancellationToken cancellationToken)
    {
        var current = overrides is null ? null : await overrides.CurrentAsync(cancellationToken);
        var fallback = await DefaultOfAsync(flag, current, cancellationToken);
        if (current is not null && current.TryGetValue(flag, out var set))
        {
            return new FlagState(flag, set.Enabled, fallback.Enabled, "override", set.ChangedBy, set.ChangedAt);
        }

        return fallback;
    }

    /// <summary>What the flag is without a runtime override of its own.</summary>
    private async Task<FlagState> DefaultOfAsync(string flag, IReadOnlyDictionary<string, FlagOverride>? current, CancellationToken cancellationToken)
    {
        var configured = SettingReader.String(configuration, flag);
        if (configured is not null)
        {
            var value = SettingReader.Boolean(configuration, flag, defaultValue: false);
            return new FlagState(flag, value, value, "configuration", null, null);
        }

        if (FlagNames.ParentOf(flag) is { } parent)
        {
            var inherited = current is not null && current.TryGetValue(parent, out var parentSet)
                ? parentSet.Enabled
                : (await DefaultOfAsync(parent, current, cancellationToken)).Enabled;
            return new FlagState(flag, inherited, inherited, "inherited", null, null);
        }

        var fallback = Defaults[flag];
        return new FlagState(flag, fallback, fallback, "default", null, null);
    }

    private static FeatureDefinition Definition(string name, bool enabled) => new()
    {
        Name = name,
        EnabledFor = enabled ? [new FeatureFilterConfiguration { Name = "AlwaysOn" }] : [],
    };
}
