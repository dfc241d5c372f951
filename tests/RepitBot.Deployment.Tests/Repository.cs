using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>The deployment files under test, read from the repository the tests were built from.</summary>
internal static class Repository
{
    public static string Root => HostProcess.RepositoryRoot;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static string ComposeFile => PathOf("docker-compose.microservices.yml");

    public static string DeployScript => PathOf("deploy-microservices.sh");
}
