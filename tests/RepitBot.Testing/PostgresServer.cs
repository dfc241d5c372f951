using System.Diagnostics;
using Npgsql;

namespace RepitBot.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries, on a free loopback port, in a temporary directory.
/// As root it runs as the 'postgres' user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(async () =>
    {
        var server = await StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    });

    private readonly string directory;
    private ServerProcess? process;
    private int databaseCounter;

    private PostgresServer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>One server per test process; each test class makes its own database on it.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public static async Task<PostgresServer> StartNewAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "repitbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (ServerBinaries.IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory]);
        }

        var initdb = ServerBinaries.Find("initdb", "/usr/lib/postgresql");
        await RunAsync(initdb, ["-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true);
        var server = new PostgresServer(directory, FreePort.Next());
        await server.StartAsync();
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 5 }.ConnectionString;

    /// <summary>The same database in the URL form the deployment guide uses.</summary>
    public string Url(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    public async Task<string> CreateDatabaseAsync(string prefix = "repitbot")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task StartAsync()
    {
        var postgres = ServerBinaries.Find("postgres", "/usr/lib/postgresql");
        string[] arguments =
        [
            "-D", Path.Combine(directory, "data"), "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB",
        ];
        process = ServerBinaries.IsRoot
            ? ServerProcess.Start("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", postgres, .. arguments])
            : ServerProcess.Start(postgres, arguments);

        var ready = await Eventually.TrueAsync(CanConnectAsync, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        if (!ready)
        {
            throw new InvalidOperationException("PostgreSQL did not start:\n" + process.Output);
        }
    }

    /// <summary>Stops the server (fast shutdown), keeping its data, so a test can show what happens while it is down.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.StopAsync("INT");
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

    private async Task<bool> CanConnectAsync()
    {
        if (process?.HasExited == true)
        {
            return false;
        }

        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string fileName, string[] arguments, bool asPostgres = false)
    {
        var info = asPostgres && ServerBinaries.IsRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", fileName, .. arguments])
            : new ProcessStartInfo(fileName, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
