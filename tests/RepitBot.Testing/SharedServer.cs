namespace RepitBot.Testing;

/// <summary>
/// A server that every test of a test assembly shares: started by the first test that asks for it, disposed by
/// <see cref="SharedServers.DisposeAllAsync"/> when the assembly's tests are done (see <see cref="RepitBotTestFramework"/>).
/// </summary>
internal sealed class SharedServer<T>
    where T : class, IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<T>> start;
    private readonly Lock gate = new();
    private Task<T>? server;

    public SharedServer(Func<CancellationToken, Task<T>> start)
    {
        this.start = start;
        SharedServers.Add(DisposeAsync);
    }

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // Not the caller's token: the server outlives the test that happened to start it.
            server ??= start(CancellationToken.None);
            return server.WaitAsync(cancellationToken);
        }
    }

    private async Task DisposeAsync()
    {
        Task<T>? started;
        lock (gate)
        {
            (started, server) = (server, null);
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            await started.Result.DisposeAsync();
        }
    }
}
