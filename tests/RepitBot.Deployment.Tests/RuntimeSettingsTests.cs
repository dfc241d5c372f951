using System.Text.Json.Nodes;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// The runtime settings the host is built with (its runtimeconfig.json, as a publish or the image carries it): the
/// deployment relies on them, and a project file edit could drop one without a build noticing.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_host_runs_its_thread_pool_without_spinning_so_idle_threads_leave_the_cores_to_the_database()
    {
        // Arrange: the host's runtimeconfig.json, copied beside this test as beside any program that references the host
        var path = Path.Combine(AppContext.BaseDirectory, "RepitBot.Host.runtimeconfig.json");

        // Act
        var settings = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"];

        // Assert (ADR 0024)
        Assert.Equal(0, (int?)settings?["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]);
    }
}
