using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Modules;

/// <summary>
/// Brings every module's schema up to date before anything serves: StartingAsync of a lifecycle service runs ahead of
/// the web server and of every module's own start-up work. Switched off with APPLY_MIGRATIONS_ON_START=false.
/// </summary>
internal sealed class MigrationsOnStart(IEnumerable<IModuleDatabaseMigrator> migrators, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!SettingReader.Boolean(configuration, SettingNames.ApplyMigrationsOnStart, defaultValue: true))
        {
            return;
        }

        foreach (var migrator in migrators)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
