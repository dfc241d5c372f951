using StackExchange.Redis;

namespace RepitBot.Testing;

/// <summary>A throwaway redis-server on a free loopback port, without persistence, under a watchdog (see <see cref="ServerProcess"/>).</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly SharedServer<RedisServer> Shared = new(StartNewAsync);

    private readonly TempFolder folder;
    private ServerProcess? process;

    private RedisServer(TempFolder folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>The pid of redis-server while it runs.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>The temporary folder redis-server runs in.</summary>
    public string Folder => folder.Path;

    /// <summary>
    /// One server per test process. Stopped when the assembly's tests are done (see <see cref="RepitBotTestFramework"/>),
    /// else by its watchdog when the process ends.
    /// </summary>
    public static Task<RedisServer> SharedAsync(CancellationToken cancellationToken = default) => Shared.GetAsync(cancellationToken);

    public static async Task<RedisServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(TempFolder.Create("repitbot-redis-"), FreePort.Next());
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var redis = ServerBinaries.Find("redis-server");
        process = ServerProcess.Start(
            redis,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", folder.Path, "--protected-mode", "no"],
            workingDirectory: folder.Path);
        if (!await Eventually.TrueAsync(PingAsync, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)).WaitAsync(cancellationToken))
        {
            throw new InvalidOperationException("redis-server did not start:\n" + process.Output);
        }
    }

    /// <summary>Kills the server, as a crash would: what it held is gone.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (process is not null)
        {
            await process.StopAsync("KILL", cancellationToken: cancellationToken);
            process.Dispose();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        folder.Dispose();
    }

    private async Task<bool> PingAsync()
    {
        if (process?.HasExited == true)
        {
            return false;
        }

        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { "127.0.0.1", Port } }, ConnectTimeout = 500, AbortOnConnectFail = true });
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
