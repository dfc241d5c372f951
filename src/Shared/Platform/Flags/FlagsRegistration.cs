using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>The deployment flags: their values (Microsoft.FeatureManagement over <see cref="DeploymentFlags"/>) and their shared store.</summary>
internal static class FlagsRegistration
{
    public static IServiceCollection AddDeploymentFlags(this IServiceCollection services)
    {
        services.AddSingleton<FlagStoreDatabase>();
        services.AddScoped(provider => provider.GetRequiredService<FlagStoreDatabase>().CreateContext());
        services.AddSingleton<IModuleDatabaseMigrator>(provider => new DbContextMigrator<FlagsDbContext>(FlagsDbContext.Schema, provider.GetRequiredService<IServiceScopeFactory>()));

        services.AddSingleton<DatabaseFlagOverrideStore>();
        services.AddSingleton<IFlagOverrideStore>(provider => provider.GetRequiredService<DatabaseFlagOverrideStore>());
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseFlagOverrideStore>());
        services.AddSingleton(provider => new DeploymentFlags(
            provider.GetRequiredService<IConfiguration>(),
            provider.GetServices<RoutedModule>(),
            provider.GetRequiredService<IFlagOverrideStore>()));
        services.AddSingleton<IFeatureDefinitionProvider>(provider => provider.GetRequiredService<DeploymentFlags>());
        services.AddSingleton(provider => new FeatureFlagAdministration(provider.GetRequiredService<DeploymentFlags>(), provider.GetRequiredService<IFlagOverrideStore>()));
        services.AddFeatureManagement();
        return services;
    }
}
