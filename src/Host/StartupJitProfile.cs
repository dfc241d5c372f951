using System.Runtime;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Host;

/// <summary>
/// Multicore JIT for the start (System.Runtime.ProfileOptimization): each start of a role records which methods the
/// JIT compiled, in a small file in the data folder, and the next start compiles them on a spare core ahead of the main
/// thread, which then finds most of its methods ready. Most of a start's CPU is the JIT and type loading of EF Core
/// and the modules (the profile in docs/BENCHMARKS.md), on one thread; this moves part of it to the second core.
/// The runtime checks the file against the loaded assemblies and ignores what does not match (a new binary, a torn
/// write); a data folder that cannot be made or written only means no profile. The folder is made as the embedded
/// SQLite default makes it.
/// </summary>
internal static class StartupJitProfile
{
    public static string FileName(HostRole role) => $"startup-{role.ToString().ToLowerInvariant()}.jitprofile";

    public static void Start(IConfiguration configuration, HostRole role)
    {
        var directory = Path.GetFullPath(SettingReader.String(configuration, SettingNames.DataDirectory) ?? ModuleDatabase.DefaultDataDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(FileName(role));
    }
}
