using System.Text;

namespace RepitBot.Testing;

/// <summary>
/// The split deployment in real processes of the host binary: a User Service (role users), an Auth Service (role auth),
/// the host (role all) and the bot (role bot), whichever of them a test asks for, each on a free loopback port and all with one set of
/// settings, as they would be deployed. A test can kill, stop and start any of them while the others run.
/// </summary>
public sealed class SplitDeployment : IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings;
    private readonly Dictionary<string, string?> processSettings;
    private readonly Dictionary<DeploymentRole, int> ports;
    private readonly Dictionary<DeploymentRole, HostProcess> running = [];
    private readonly List<(DeploymentRole Role, HostProcess Process)> ended = [];

    private SplitDeployment(Dictionary<string, string?> settings, Dictionary<string, string?> processSettings, Dictionary<DeploymentRole, int> ports)
    {
        this.settings = settings;
        this.processSettings = processSettings;
        this.ports = ports;
    }

    /// <summary>
    /// What every party of the deployment shares: the given settings, the services' URLs, and the keys and test
    /// defaults the caller did not set. A host in process (<see cref="RepitBotFactory"/>) joins the deployment with them.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    public Uri UsersUrl => Url(DeploymentRole.Users);

    public Uri AuthUrl => Url(DeploymentRole.Auth);

    /// <summary>The host's (role all) address.</summary>
    public Uri HostUrl => Url(DeploymentRole.All);

    /// <summary>The key a service identity (users, auth or bot) presents in this deployment.</summary>
    public string ServiceKey(string identity) => TestSecrets.PresentedKey(settings, identity);

    /// <summary>Changes a setting for the processes started from now on (a restart picks it up), as an operator would.</summary>
    public void Set(string name, string? value) => settings[name] = value;

    /// <summary>
    /// Creates an admin with the operator's command (role users against the deployment's Users store) and returns the
    /// code it printed: no service identity may create users over the API.
    /// </summary>
    public async Task<string> CreateAdminAsync(string name, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string?>(settings) { ["REPITBOT_ROLE"] = "users" };
        var (exitCode, output) = await HostProcess.RunAsync(["admin", "create", "--name", name], environment, cancellationToken: cancellationToken);
        var code = System.Text.RegularExpressions.Regex.Match(output, "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        return exitCode == 0 && code.Length > 0 ? code : throw new InvalidOperationException($"admin create failed ({exitCode}): {output}");
    }

    /// <summary>What every process of the deployment printed, the ended ones included, to search or to show on failure.</summary>
    public string Output
    {
        get
        {
            var text = new StringBuilder();
            foreach (var process in ended.Select(e => e.Process).Concat(running.Values))
            {
                text.Append(process.Output);
            }

            return text.ToString();
        }
    }

    /// <summary>The latest process of a role, running or ended.</summary>
    public HostProcess this[DeploymentRole role] =>
        running.TryGetValue(role, out var process) ? process : throw new InvalidOperationException($"No {role} process was started.");

    /// <summary>
    /// Starts the given roles at once and waits until each answers /health. Every process gets <see cref="Settings"/>,
    /// the addresses to listen on, and <paramref name="processSettings"/> (settings for the processes only, such as DEBUG).
    /// </summary>
    public static async Task<SplitDeployment> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        IReadOnlyCollection<DeploymentRole> roles,
        IReadOnlyDictionary<string, string?>? processSettings = null,
        CancellationToken cancellationToken = default)
    {
        var ports = Enum.GetValues<DeploymentRole>().ToDictionary(role => role, _ => FreePort.Next());
        var shared = new Dictionary<string, string?>(settings)
        {
            ["USER_SERVICE_URL"] = $"http://127.0.0.1:{ports[DeploymentRole.Users]}",
            ["AUTH_SERVICE_URL"] = $"http://127.0.0.1:{ports[DeploymentRole.Auth]}",
        };
        shared.TryAdd("JWT_SECRET_KEY", TestSecrets.NewJwtKey());
        foreach (var (key, value) in TestSecrets.NewServiceKeys())
        {
            shared.TryAdd(key, value);
        }

        shared.TryAdd("ACCESS_CODE_BCRYPT_WORK_FACTOR", "4");
        shared.TryAdd("BOOTSTRAP_ADMIN", "false");

        // Each role reads only its own address; they all get every one, as a deployment's shared environment would.
        var forProcesses = new Dictionary<string, string?>(processSettings ?? new Dictionary<string, string?>())
        {
            ["USER_SERVICE_HOST"] = "127.0.0.1",
            ["USER_SERVICE_PORT"] = HostProcess.Port(ports[DeploymentRole.Users]),
            ["AUTH_SERVICE_HOST"] = "127.0.0.1",
            ["AUTH_SERVICE_PORT"] = HostProcess.Port(ports[DeploymentRole.Auth]),
            ["API_HOST"] = "127.0.0.1",
            ["API_PORT"] = HostProcess.Port(ports[DeploymentRole.All]),
            ["BOT_HOST"] = "127.0.0.1",
            ["BOT_PORT"] = HostProcess.Port(ports[DeploymentRole.Bot]),
        };

        var deployment = new SplitDeployment(shared, forProcesses, ports);
        try
        {
            foreach (var role in roles)
            {
                deployment.Launch(role);
            }

            await Task.WhenAll(roles.Select(role => deployment.running[role].WaitUntilHealthyAsync(deployment.Url(role), cancellationToken: cancellationToken)));
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    public Uri Url(DeploymentRole role) => new($"http://127.0.0.1:{ports[role]}");

    /// <summary>Starts a role again (or for the first time) on its address, and waits until it answers /health.</summary>
    public async Task StartAsync(DeploymentRole role, CancellationToken cancellationToken = default)
    {
        if (running.TryGetValue(role, out var previous) && !previous.HasExited)
        {
            throw new InvalidOperationException($"The {role} process is running already.");
        }

        await Launch(role).WaitUntilHealthyAsync(Url(role), cancellationToken: cancellationToken);
    }

    /// <summary>Kills a role's process with SIGKILL, as a crash would.</summary>
    public Task KillAsync(DeploymentRole role, CancellationToken cancellationToken = default) => running[role].KillAsync(cancellationToken);

    /// <summary>Stops a role's process with SIGINT, as an operator would.</summary>
    public Task StopAsync(DeploymentRole role, CancellationToken cancellationToken = default) => running[role].StopAsync(cancellationToken);

    public async Task RestartAsync(DeploymentRole role, CancellationToken cancellationToken = default)
    {
        await StopAsync(role, cancellationToken);
        await StartAsync(role, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        var all = ended.Select(e => e.Process).Concat(running.Values).ToList();

        // All at once: each process takes a moment to shut down, and they need not take them one after another.
        foreach (var process in all)
        {
            process.Release();
        }

        foreach (var process in all)
        {
            process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private HostProcess Launch(DeploymentRole role)
    {
        if (running.Remove(role, out var previous))
        {
            ended.Add((role, previous));
        }

        var environment = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in processSettings)
        {
            environment[key] = value;
        }

        var process = HostProcess.Start(["--role", role.ToString().ToLowerInvariant()], environment);
        running[role] = process;
        return process;
    }
}
