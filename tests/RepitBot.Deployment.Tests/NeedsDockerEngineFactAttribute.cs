using System.Diagnostics;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// A test that needs a running Docker engine: skipped, with the reason in the test output, where none answers
/// (these machines have none; the native topology proves the same deployment without it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsDockerEngineFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> EngineAnswers = new(() =>
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (docker is null || !docker.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                docker?.Kill(entireProcessTree: true);
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public NeedsDockerEngineFactAttribute()
    {
        if (!EngineAnswers.Value)
        {
            Skip = "No Docker engine answers here (docker info failed): the image build is not tried; the native topology tests prove the deployment.";
        }
    }
}
