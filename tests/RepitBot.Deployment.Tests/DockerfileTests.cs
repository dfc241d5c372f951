using System.Text.RegularExpressions;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// A lint of docker/Dockerfile and .dockerignore by the points the deployment relies on (hadolint cannot be installed
/// here): each check reads the files as Docker would.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = Repository.Read("docker", "Dockerfile");

    private static IReadOnlyList<string> Instructions =>
        Continuation().Replace(Dockerfile, " ").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

    [Fact]
    public void The_image_is_built_in_an_sdk_stage_and_runs_on_the_aspnet_runtime()
    {
        var stages = Instructions.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:\d+\.\d+ AS build$", stages[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", stages[1], StringComparison.Ordinal);
        Assert.Contains(Instructions, line => line.StartsWith("COPY --from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_is_published_for_linux_x64_so_it_is_precompiled()
    {
        // ReadyToRun (PublishReadyToRun in the host's project) needs a runtime identifier; the restore must name the
        // same one, or a publish with --no-restore fails for want of the runtime's assets.
        var restore = Instructions.Single(line => line.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Instructions.Single(line => line.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));

        Assert.Matches(@"\s(--runtime|-r) linux-x64(\s|$)", restore);
        Assert.Matches(@"\s(--runtime|-r) linux-x64(\s|$)", publish);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
        Assert.Matches(@"<PublishReadyToRun\b[^>]*>true</PublishReadyToRun>", Repository.Read("src", "Host", "RepitBot.Host.csproj"));
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_non_root_user_with_a_health_check_through_the_host()
    {
        var runtime = RuntimeStage();

        var user = runtime.Last(line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|$)", user);
        Assert.True(runtime.IndexOf(user) < runtime.FindIndex(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.Contains(runtime, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && line.Contains("\"RepitBot.Host.dll\", \"healthcheck\"", StringComparison.Ordinal));
        Assert.Contains(runtime, line => line.StartsWith("ENTRYPOINT [\"dotnet\", \"RepitBot.Host.dll\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tools_the_guides_troubleshooting_runs_in_a_container_are_installed_lean()
    {
        var install = RuntimeStage().Single(line => line.Contains("apt-get install", StringComparison.Ordinal));

        foreach (var package in new[] { "bash", "curl", "netcat-openbsd" })
        {
            Assert.Contains($" {package}", install, StringComparison.Ordinal);
        }

        Assert.Contains("--no-install-recommends", install, StringComparison.Ordinal);
        Assert.Contains("rm -rf /var/lib/apt/lists/*", install, StringComparison.Ordinal);
        Assert.Contains("apt-get update", install, StringComparison.Ordinal);
    }

    [Fact]
    public void No_secret_is_baked_into_the_image_and_json_logs_are_the_default()
    {
        var settings = Instructions.Where(line => line.StartsWith("ENV ", StringComparison.Ordinal) || line.StartsWith("ARG ", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(settings, line => SecretName().IsMatch(line));
        Assert.Contains(settings, line => line.Contains("LOG_FORMAT=json", StringComparison.Ordinal));
        Assert.DoesNotContain(Instructions, line => line.StartsWith("COPY", StringComparison.Ordinal) && line.Contains(".env", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_local_data_and_the_env_file()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(line => line.Trim()).ToHashSet();

        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "data/", ".env" }, ignored);
        Assert.Contains("!.env.example", ignored);
    }

    private static List<string> RuntimeStage() =>
        Instructions.SkipWhile(line => !line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"(SECRET|PASSWORD|TOKEN|_KEY)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
