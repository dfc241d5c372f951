using System.Globalization;

namespace RepitBot.Testing;

/// <summary>
/// A real process of the host binary (the build's RepitBot.Host.dll run by dotnet), for tests of roles, commands,
/// start-up and what a process prints. Starts with a clean environment of only the settings it is given.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly ServerProcess process;

    private HostProcess(ServerProcess process)
    {
        this.process = process;
    }

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

    /// <summary>Starts the host with these arguments and settings (environment variables), in a working directory of its own.</summary>
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

        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Production");

        // Whatever the test does not put in a database of its own stays in a fresh directory, never shared, unless the
        // test gave the process a working directory of its own (where ./data is then the embedded default's place).
        if (!settings.ContainsKey("DATA_DIR") && workingDirectory is null)
        {
            environment["DATA_DIR"] = Directory.CreateTempSubdirectory("repitbot-process-").FullName;
        }
        environment["Logging__Console__FormatterName"] = "simple";
        return new HostProcess(ServerProcess.Start("dotnet", [HostDll, .. arguments], environment, workingDirectory ?? Path.GetTempPath()));
    }

    /// <summary>Runs a command of the host to its end and returns its exit code; <see cref="Output"/> holds what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string?> settings, string? workingDirectory = null)
    {
        using var host = Start(arguments, settings, workingDirectory);
        var exitCode = await host.process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, host.Output);
    }

    public async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan? timeout = null)
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
                    return (await http.GetAsync(new Uri(baseAddress, "/health"))).IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
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

    public Task StopAsync() => process.StopAsync("INT");

    public Task KillAsync() => process.StopAsync("KILL");

    public Task<int> WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(timeout);

    public void Dispose() => process.Dispose();

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
