namespace RepitBot.Testing;

/// <summary>Finds the installed server binaries: on PATH, else where Debian's packages put them.</summary>
public static class ServerBinaries
{
    private static readonly Lazy<string> Shell = new(FindWatchdogShell);

    public static string Find(string name, params string[] globRoots)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var root in globRoots)
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            // /usr/lib/postgresql/<version>/bin: take the newest version.
            var found = Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed. Run scripts/test.sh, which installs the servers the tests need.");
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The shell the watchdogs run in, after checking that the util-linux tools they use are there too.</summary>
    public static string WatchdogShell => Shell.Value;

    private static string FindWatchdogShell()
    {
        // setsid and flock come with util-linux, which every Debian-like system has; a missing one would only show
        // as a watchdog that cannot start its command.
        Find("setsid");
        Find("flock");
        return Find("bash");
    }
}
