using RepitBot.Shared.Platform.Modules;

namespace RepitBot.Host.Commands;

internal static class MigrateCommand
{
    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var migrators = app.Services.GetServices<IModuleDatabaseMigrator>().ToList();
        if (migrators.Count == 0)
        {
            Console.WriteLine("This role owns no database schema; nothing to migrate.");
            return 0;
        }

        foreach (var migrator in migrators)
        {
            await migrator.MigrateAsync(cancellationToken);
            Console.WriteLine($"Schema of module '{migrator.Module}' is up to date.");
        }

        return 0;
    }
}
