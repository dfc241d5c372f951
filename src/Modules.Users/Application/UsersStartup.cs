using Microsoft.Extensions.Hosting;
using RepitBot.Modules.Users.Persistence;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// Before anything starts serving (IHostedLifecycleService.StartingAsync runs ahead of the web server), brings the
/// schema up to date when that is enabled and creates the first admin on an empty database.
/// </summary>
internal sealed class UsersStartup(UsersSettings settings, UsersDatabaseMigrator migrator, AdminBootstrapper bootstrapper) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (settings.ApplyMigrationsOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        if (settings.BootstrapAdmin)
        {
            await bootstrapper.RunAsync(Console.Out, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
