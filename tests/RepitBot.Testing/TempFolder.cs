using System.Collections.Concurrent;

namespace RepitBot.Testing;

/// <summary>
/// A fresh folder under the temporary directory that is removed when disposed, or by its watchdog when this process
/// ends in any way. Commands started with <see cref="ServerProcess"/> that work in it hold its lock, so it is removed
/// only after they are gone.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private static readonly ConcurrentDictionary<string, TempFolder> Live = new(StringComparer.Ordinal);

    private readonly Watchdog watchdog;
    private int disposed;

    private TempFolder(string path, Watchdog watchdog)
    {
        Path = path;
        this.watchdog = watchdog;
    }

    public string Path { get; }

    /// <summary>The file the watchdogs of commands working in this folder lock (shared) while they run.</summary>
    internal string LockFile => System.IO.Path.Combine(Path, ".lock");

    public static TempFolder Create(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);

        // The watchdog first: from the moment the folder exists, something outside this process will remove it.
        var watchdog = Watchdog.Start(Watchdog.FolderScript, [path], _ => { });
        Directory.CreateDirectory(path);
        var folder = new TempFolder(path, watchdog);
        Live[path] = folder;
        return folder;
    }

    /// <summary>The live folders that hold these paths (a data directory, a working directory), for a process to lock.</summary>
    internal static IReadOnlyList<TempFolder> Holding(IEnumerable<string?> paths)
    {
        var found = new List<TempFolder>();
        foreach (var path in paths.OfType<string>().Select(System.IO.Path.GetFullPath))
        {
            foreach (var folder in Live.Values)
            {
                var inside = path == folder.Path || path.StartsWith(folder.Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (inside && !found.Contains(folder))
                {
                    found.Add(folder);
                }
            }
        }

        return found;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Live.TryRemove(Path, out _);

        // The watchdog removes the folder as it exits; waiting for it makes the removal part of disposing.
        watchdog.Dispose();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
