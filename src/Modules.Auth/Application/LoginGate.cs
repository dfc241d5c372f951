using RepitBot.Shared.Contracts.AccessCodes;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// Bounds the bcrypt work of logins to about the core count, so a flood of logins queues here instead of starving
/// token validation and the Users API of CPU. Also spends one bcrypt check where a locked code is refused, so a lock
/// answers in the time a wrong code does.
/// </summary>
internal sealed class LoginGate(AuthSettings settings) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, Environment.ProcessorCount), Math.Max(1, Environment.ProcessorCount));
    private readonly Lazy<string> dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(AccessCode.Generate().Secret, settings.AccessCodeWorkFactor));

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

    public Task SpendOneCheckAsync(CancellationToken cancellationToken) =>
        RunAsync(() => Task.FromResult(BCrypt.Net.BCrypt.Verify("locked", dummyHash.Value)), cancellationToken);

    public void Dispose() => slots.Dispose();
}
