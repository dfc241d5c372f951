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
/// write); a data folder that cannot be made or written only means no profile.
/// </summary>
internal static class StartupJitProfile
{
    private static bool started;

    public static string FileName(HostRole role) => $"startup-{role.ToString().ToLowerInvariant()}.jitprofile";

    /// <summary>
    /// As early as the configuration is read: only into a data folder that exists already (a process that is then
    /// refused for a bad setting must leave nothing behind), which it does from the second start on.
    /// </summary>
    public static void StartIfTheFolderExists(IConfiguration configuration, HostRole role)
    {
        var directory = Folder(configuration);
        if (Directory.Exists(directory))
        {
            Start(directory, role);
        }
    }

    /// <summary>Once every setting has been checked: makes the data folder as the embedded SQLite default would.</summary>
    public static void Start(IConfiguration configuration, HostRole role)
    {
        if (started)
        {
            return;
        }

        var directory = Folder(configuration);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Start(directory, role);
    }

    private static string Folder(IConfiguration configuration) =>
        Path.GetFullPath(SettingReader.String(configuration, SettingNames.DataDirectory) ?? ModuleDatabase.DefaultDataDirectory);

    private static void Start(string directory, HostRole role)
    {
        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(FileName(role));
        started = true;
    }
}
