using StackExchange.Redis;

namespace RepitBot.Testing;

/// <summary>A throwaway redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RedisServer>> SharedServer = new(async () =>
    {
        var server = await StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    });

    private readonly string directory;
    private ServerProcess? process;

    private RedisServer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static Task<RedisServer> SharedAsync() => SharedServer.Value;

    public static async Task<RedisServer> StartNewAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "repitbot-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new RedisServer(directory, FreePort.Next());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var redis = ServerBinaries.Find("redis-server");
        process = ServerProcess.Start(redis, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", directory, "--protected-mode", "no"]);
        if (!await Eventually.TrueAsync(PingAsync, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)))
        {
            throw new InvalidOperationException("redis-server did not start:\n" + process.Output);
        }
    }

    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.StopAsync("KILL");
            process.Dispose();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
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
