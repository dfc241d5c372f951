using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>What only a Docker engine can show: the image builds, runs as non-root, and has the guide's tools.</summary>
public sealed class DockerEngineTests
{
    [NeedsDockerEngineFact]
    public async Task The_image_builds_and_runs_as_a_non_root_user_with_bash_curl_and_nc()
    {
        var tag = "repitbot-test:" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await ServerProcess.RunAsync("docker", ["build", "-f", Repository.PathOf("docker", "Dockerfile"), "-t", tag, Repository.Root], timeout: TimeSpan.FromMinutes(15));

            var uid = await ServerProcess.RunAsync("docker", ["run", "--rm", "--entrypoint", "id", tag, "-u"]);
            var tools = await ServerProcess.RunAsync("docker", ["run", "--rm", "--entrypoint", "bash", tag, "-c", "command -v curl nc bash"]);

            Assert.NotEqual("0", uid.Trim());
            Assert.Equal(3, tools.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            await ServerProcess.RunAsync("docker", ["image", "rm", "-f", tag]);
        }
    }
}
