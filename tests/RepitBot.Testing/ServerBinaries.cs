namespace RepitBot.Testing;

/// <summary>Finds the installed server binaries: on PATH, else where Debian's packages put them.</summary>
public static class ServerBinaries
{
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
}
