using Npgsql;

namespace RepitBot.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries, on a free loopback port, in a temporary folder. The
/// postmaster runs in the foreground under a watchdog, so it and the folder go when the test process does, however.
/// As root it runs as the 'postgres' user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SharedServer<PostgresServer> Shared = new(StartNewAsync);

    private readonly TempFolder folder;
    private ServerProcess? process;
    private int databaseCounter;

    private PostgresServer(TempFolder folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The pid of the postmaster while it runs.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>The temporary folder of the data directory and the socket.</summary>
    public string Folder => folder.Path;

    /// <summary>
    /// One server per test process; each test class makes its own database on it. Stopped when the assembly's tests are
    /// done (see <see cref="RepitBotTestFramework"/>), else by its watchdog when the process ends.
    /// </summary>
    public static Task<PostgresServer> SharedAsync(CancellationToken cancellationToken = default) => Shared.GetAsync(cancellationToken);

    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var folder = TempFolder.Create("repitbot-pg-");
        var server = new PostgresServer(folder, FreePort.Next());
        try
        {
            if (ServerBinaries.IsRoot)
            {
                await ServerProcess.RunAsync("chown", ["postgres:postgres", folder.Path], cancellationToken: cancellationToken);
            }

            var initdb = AsPostgres(ServerBinaries.Find("initdb", "/usr/lib/postgresql"));
            await ServerProcess.RunAsync(
                initdb[0],
                [.. initdb[1..], "-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                [folder.Path],
                cancellationToken: cancellationToken);
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 5 }.ConnectionString;

    /// <summary>The same database in the URL form the deployment guide uses.</summary>
    public string Url(string database) => $"postgresql://postgres@127.0.0.1:{Port}/{database}";

    public async Task<string> CreateDatabaseAsync(string prefix = "repitbot", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return name;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var postgres = ServerBinaries.Find("postgres", "/usr/lib/postgresql");
        string[] arguments =
        [
            "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", folder.Path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=64MB",
        ];

        // SIGINT is PostgreSQL's fast shutdown: SIGTERM would wait for every client to disconnect first.
        var command = AsPostgres(postgres);
        process = ServerProcess.Start(command[0], [.. command[1..], .. arguments], workingDirectory: folder.Path, stopSignal: "INT");

        var ready = await Eventually.TrueAsync(CanConnectAsync, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100)).WaitAsync(cancellationToken);
        if (!ready)
        {
            throw new InvalidOperationException("PostgreSQL did not start:\n" + process.Output);
        }
    }

    /// <summary>Stops the server (fast shutdown), keeping its data, so a test can show what happens while it is down.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (process is not null)
        {
            await process.StopAsync("INT", cancellationToken: cancellationToken);
            process.Dispose();
            process = null;
        }
    }

    /// <summary>Stops and starts the server on the same port and data: every connection a client held is broken.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        folder.Dispose();
    }

    private string DataDirectory => Path.Combine(folder.Path, "data");

    /// <summary>The command line that runs a PostgreSQL binary as the 'postgres' user when this process is root.</summary>
    private static string[] AsPostgres(string binary) =>
        ServerBinaries.IsRoot ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", binary] : [binary];

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
}
