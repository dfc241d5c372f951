using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// The entry point of this test assembly run as a program (dotnet RepitBot.EndToEnd.Tests.dll fixture-probe): it starts
/// servers, a host and a folder through the same fixtures as the tests, prints where they are and waits to be killed,
/// so a test can kill a process that started them, as a test runner's process may be killed.
/// </summary>
internal static class FixtureProbe
{
    public const string Command = "fixture-probe";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command])
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet RepitBot.EndToEnd.Tests.dll {Command}");
            return 2;
        }

        // The host first: it starts while the servers do.
        var port = FreePort.Next();
        var host = HostProcess.Start(
            ["--role", "users"],
            new Dictionary<string, string?>
            {
                ["USER_SERVICE_HOST"] = "127.0.0.1",
                ["USER_SERVICE_PORT"] = HostProcess.Port(port),
                ["AUTH_SERVICE_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
                ["USERS_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
                ["AUTH_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
                ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            });
        var postgres = await PostgresServer.StartNewAsync();
        var redis = await RedisServer.StartNewAsync();
        var folder = TempFolder.Create("repitbot-probe-");

        // A host that answers has its database open in its data folder: the folder is in use when the probe dies.
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        Console.WriteLine($"process {postgres.ProcessId}");
        Console.WriteLine($"process {redis.ProcessId}");
        Console.WriteLine($"process {host.Id}");
        Console.WriteLine($"folder {postgres.Folder}");
        Console.WriteLine($"folder {redis.Folder}");
        Console.WriteLine($"folder {host.DataFolder}");
        Console.WriteLine($"folder {folder.Path}");
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
