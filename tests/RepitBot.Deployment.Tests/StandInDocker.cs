using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// A working copy of deploy-microservices.sh and the compose file, run against a stand-in `docker` (and
/// `docker-compose`) on PATH that records every call and answers what the script asks: the daemon is up, every
/// container healthy (unless told otherwise), and `exec postgres COMMAND` runs COMMAND here against a real PostgreSQL.
/// </summary>
internal sealed class StandInDocker : IDisposable
{
    private const string Script = """
        #!/usr/bin/env bash
        printf '%s\n' "$(basename "$0") $*" >> "$STANDIN_CALLS"
        if [ "$(basename "$0")" = docker ]; then
          case "${1:-}" in
            info) [ "${STANDIN_DAEMON:-up}" = up ]; exit ;;
            inspect)
              for unhealthy in ${STANDIN_UNHEALTHY:-}; do
                [ "${*: -1}" = "container-$unhealthy" ] && { echo unhealthy; exit 0; }
              done
              echo healthy; exit 0 ;;
            compose)
              [ "${STANDIN_PLUGIN:-yes}" = yes ] || { echo "docker: 'compose' is not a docker command." >&2; exit 1; }
              shift ;;
            *) exit 0 ;;
          esac
        fi
        while [ $# -gt 0 ]; do
          case "$1" in
            -f | --file | --profile | --env-file | -p | --project-name) shift 2 ;;
            *) break ;;
          esac
        done
        command=${1:-}
        [ $# -gt 0 ] && shift
        case "$command" in
          ps)
            [ "${1:-}" = -q ] && shift
            for down in ${STANDIN_DOWN:-}; do [ "$down" = "${1:-}" ] && exit 0; done
            [ -n "${1:-}" ] && echo "container-$1"
            exit 0 ;;
          exec)
            while [ -n "${1:-}" ] && [ "${1#-}" != "$1" ]; do shift; done
            shift
            PGHOST=127.0.0.1 PGPORT=$STANDIN_PGPORT PATH="$STANDIN_PGBIN:$PATH" exec "$@" ;;
          *) exit 0 ;;
        esac
        """;

    private readonly TempFolder folder = TempFolder.Create("repitbot-deploy-");

    public StandInDocker(bool composePlugin = true)
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Work);
        WriteExecutable(Path.Combine(Bin, "docker"), Script);
        if (!composePlugin)
        {
            WriteExecutable(Path.Combine(Bin, "docker-compose"), Script);
        }

        ComposePlugin = composePlugin;
        File.Copy(Repository.DeployScript, Path.Combine(Work, "deploy-microservices.sh"));
        File.Copy(Repository.ComposeFile, Path.Combine(Work, "docker-compose.microservices.yml"));
        File.Copy(Repository.PathOf(".env.example"), Path.Combine(Work, ".env.example"));
        File.WriteAllText(CallsFile, string.Empty);
    }

    public bool ComposePlugin { get; }

    /// <summary>How the script must call compose with this stand-in.</summary>
    public string Compose => ComposePlugin ? "docker compose -f docker-compose.microservices.yml" : "docker-compose -f docker-compose.microservices.yml";

    /// <summary>The working copy of the repository's deployment files (the script runs from here).</summary>
    public string Work => Path.Combine(folder.Path, "work");

    public IReadOnlyList<string> Calls => File.ReadAllLines(CallsFile);

    public Dictionary<string, string?> Environment { get; } = [];

    private string Bin => Path.Combine(folder.Path, "bin");

    private string CallsFile => Path.Combine(folder.Path, "calls.log");

    /// <summary>A .env with every required secret set to a real-looking value.</summary>
    public void WriteGoodEnv()
    {
        var lines = ComposeFileTests.EnvExample().Select(pair => pair.Value.StartsWith("change-me", StringComparison.Ordinal)
            ? $"{pair.Key}={TestSecrets.NewJwtKey()}"
            : $"{pair.Key}={pair.Value}");
        File.WriteAllLines(Path.Combine(Work, ".env"), lines);
    }

    public void WriteEnv(string text) => File.WriteAllText(Path.Combine(Work, ".env"), text);

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(Environment)
        {
            ["PATH"] = $"{Bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["STANDIN_CALLS"] = CallsFile,
            ["STANDIN_PLUGIN"] = ComposePlugin ? "yes" : "no",
            ["HEALTH_TIMEOUT"] = "4",
        };
        using var process = ServerProcess.Start("bash", [Path.Combine(Work, "deploy-microservices.sh"), .. arguments], environment, Work);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exitCode, process.Output);
    }

    public void Dispose() => folder.Dispose();

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The deployment tests run bash scripts: Linux only.");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
