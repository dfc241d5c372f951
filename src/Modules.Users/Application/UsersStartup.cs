using Microsoft.Extensions.Hosting;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// Before anything starts serving (IHostedLifecycleService.StartingAsync runs ahead of the web server, and after the
/// platform's migrations), creates the first admin on an empty database.
/// </summary>
internal sealed class UsersStartup(UsersSettings settings, AdminBootstrapper bootstrapper) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
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
