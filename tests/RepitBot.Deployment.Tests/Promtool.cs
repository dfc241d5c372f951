using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>Runs promtool and hands back its exit code and output.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        using var process = ServerProcess.Start(Tools.Promtool, arguments, workingDirectory: workingDirectory);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Output);
    }
}
