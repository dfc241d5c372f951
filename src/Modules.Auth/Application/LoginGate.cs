namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Bounds the code checks of logins (bcrypt work at Users, in process or remote) to half the cores (at least one), so a
/// flood of logins queues here instead of starving token validation and the Users API of CPU: with as many bcrypt
/// checks as cores, a flood of wrong codes kept every core busy and the reads' p99 tripled (bench/run.sh).
/// </summary>
internal sealed class LoginGate : IDisposable
{
    private static readonly int Slots = Math.Max(1, Environment.ProcessorCount / 2);
    private readonly SemaphoreSlim slots = new(Slots, Slots);

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
