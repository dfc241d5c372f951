using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Platform.Modules;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>Applies a module's EF Core migrations, in a scope of its own.</summary>
internal sealed class DbContextMigrator<TContext>(string module, IServiceScopeFactory scopes) : IModuleDatabaseMigrator
    where TContext : DbContext
{
    public string Module => module;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken);
    }
}
