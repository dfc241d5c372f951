using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Modules;

namespace RepitBot.Modules.Users.Persistence;

internal sealed class UsersDatabaseMigrator(IServiceScopeFactory scopes) : IModuleDatabaseMigrator
{
    public string Module => "users";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
