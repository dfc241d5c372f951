using System.Globalization;

namespace RepitBot.Testing;

/// <summary>
/// A real process of the host binary (the build's RepitBot.Host.dll run by dotnet), for tests of roles, commands,
/// start-up and what a process prints. Starts with a clean environment of only the settings it is given.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly ServerProcess process;
    private readonly TempFolder? dataFolder;

    private HostProcess(ServerProcess process, TempFolder? dataFolder)
    {
        this.process = process;
        this.dataFolder = dataFolder;
    }

    /// <summary>The pid of the host process.</summary>
    public int Id => process.Id;

    /// <summary>The data folder made for this process, when the test gave it none.</summary>
    public string? DataFolder => dataFolder?.Path;

    public string Output => process.Output;

    public bool HasExited => process.HasExited;

    public static string HostDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(RepositoryRoot, "src", "Host", "bin", configuration, "net10.0", "RepitBot.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first (dotnet build).", path);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RepitBot.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("RepitBot.sln not found above the test binaries.");
        }
    }

    /// <summary>
    /// Starts the host with these arguments and settings (environment variables), in a working directory of its own.
    /// Like every process a fixture starts, it runs under a watchdog (see <see cref="ServerProcess"/>) and is killed
    /// when the test process lets go of it or dies.
    /// </summary>
    public static HostProcess Start(IEnumerable<string> arguments, IDictionary<string, string?> settings, string? workingDirectory = null)
    {
        var environment = new Dictionary<string, string?>();
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            // Nothing from the test runner's environment leaks in except what dotnet itself needs.
            if (!(key is "PATH" or "HOME" or "DOTNET_ROOT" or "TMPDIR" || key.StartsWith("DOTNET_", StringComparison.Ordinal)))
            {
                environment[key] = null;
            }
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        // Production rules, except that the fast bcrypt of the tests is allowed (see UsersSettings).
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Testing");

        // Without the diagnostics endpoints a host killed on purpose leaves no socket or pipe files in the temp folder.
        // Set DOTNET_EnableDiagnostics=1 to attach a debugger to the hosts of a test.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics") is null)
        {
            environment["DOTNET_EnableDiagnostics"] = "0";
        }

        // Whatever the test does not put in a database of its own stays in a fresh folder, never shared, unless the
        // test gave the process a working directory of its own (where ./data is then the embedded default's place).
        TempFolder? dataFolder = null;
        if (!settings.ContainsKey("DATA_DIR") && workingDirectory is null)
        {
            dataFolder = TempFolder.Create("repitbot-process-");
            environment["DATA_DIR"] = dataFolder.Path;
        }

        environment["Logging__Console__FormatterName"] = "simple";
        try
        {
            var process = ServerProcess.Start(
                "dotnet",
                [HostDll, .. arguments],
                environment,
                workingDirectory ?? Path.GetTempPath(),
                // Nothing in a test's host is worth a graceful shutdown, which takes a second or two per host; with
                // its diagnostics off, a killed host leaves nothing behind.
                stopSignal: "KILL",
                folders: [environment.GetValueOrDefault("DATA_DIR")]);
            return new HostProcess(process, dataFolder);
        }
        catch
        {
            dataFolder?.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command of the host to its end and returns its exit code; <see cref="Output"/> holds what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string?> settings, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        using var host = Start(arguments, settings, workingDirectory);
        var exitCode = await host.process.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return (exitCode, host.Output);
    }

    public async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var healthy = await Eventually.TrueAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("The host exited while starting:\n" + Output);
                }

                try
                {
                    return (await http.GetAsync(new Uri(baseAddress, "/health"), cancellationToken)).IsSuccessStatusCode;
                }
                catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            },
            timeout ?? TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(100));
        if (!healthy)
        {
            throw new TimeoutException($"The host at {baseAddress} did not become healthy:\n{Output}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => process.StopAsync("INT", cancellationToken: cancellationToken);

    public Task KillAsync(CancellationToken cancellationToken = default) => process.StopAsync("KILL", cancellationToken: cancellationToken);

    public Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => process.WaitForExitAsync(timeout, cancellationToken);

    /// <summary>Lets go of the process without waiting: its watchdog stops it. <see cref="Dispose"/> then only waits.</summary>
    public void Release() => process.Release();

    public void Dispose()
    {
        process.Dispose();
        dataFolder?.Dispose();
    }

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
