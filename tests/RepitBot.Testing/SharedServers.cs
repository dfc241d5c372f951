using System.Collections.Concurrent;

namespace RepitBot.Testing;

/// <summary>The servers a test assembly shares (<see cref="PostgresServer.SharedAsync"/>, <see cref="RedisServer.SharedAsync"/>).</summary>
public static class SharedServers
{
    private static readonly ConcurrentQueue<Func<Task>> Disposers = new();

    /// <summary>Stops every shared server that was started; the next test to ask for one starts a new one.</summary>
    public static async Task DisposeAllAsync()
    {
        await Task.WhenAll(Disposers.Select(dispose => dispose()));
    }

    internal static void Add(Func<Task> dispose) => Disposers.Enqueue(dispose);
}
