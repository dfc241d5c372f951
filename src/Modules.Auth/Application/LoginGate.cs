namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Bounds the code checks of logins (bcrypt work at Users, in process or remote) to about the core count, so a flood
/// of logins queues here instead of starving token validation and the Users API of CPU.
/// </summary>
internal sealed class LoginGate : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, Environment.ProcessorCount), Math.Max(1, Environment.ProcessorCount));

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
