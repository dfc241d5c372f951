using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Shared.Platform.Health;
using RepitBot.Shared.Platform.Modules;

namespace RepitBot.Shared.Platform.Persistence;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// A module's store, written once for every module: its context on the configured provider (each provider's
    /// subclass carries that provider's migrations), its migrations for `migrate` and the start, and, when the module
    /// cannot serve without it, a required /health check.
    /// </summary>
    public static IServiceCollection AddModuleDatabase<TContext, TPostgres, TSqlite>(this IServiceCollection services, string module, ModuleDatabaseOptions database, string? healthCheckName)
        where TContext : DbContext
        where TPostgres : TContext
        where TSqlite : TContext
    {
        // Pooled: the options are built once (AddDbContext rebuilt them, and EF Core's internal services, for every
        // request's scope), and a context is reset and reused instead of constructed per request.
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContextPool<TContext, TPostgres>(options => options.UseModuleDatabase(database));
        }
        else
        {
            services.AddDbContextPool<TContext, TSqlite>(options => options.UseModuleDatabase(database));
        }

        services.AddSingleton(new ModuleStore(module, database));
        services.AddSingleton<IModuleDatabaseMigrator>(provider => new DbContextMigrator<TContext>(module, provider.GetRequiredService<IServiceScopeFactory>()));
        if (healthCheckName is not null)
        {
            services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(healthCheckName, HealthStatus.Unhealthy, [HealthTags.Required], TimeSpan.FromSeconds(5));
        }

        return services;
    }
}
