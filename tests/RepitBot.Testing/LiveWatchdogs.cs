using System.Collections.Concurrent;

namespace RepitBot.Testing;

/// <summary>
/// The watchdogs of this process that nobody has disposed yet. When the process exits normally or on Ctrl-C (SIGINT) or
/// SIGTERM, it lets go of all of them at once and waits a while for them, so servers and folders are gone by the time
/// the process is; were it killed before that wait is over, the watchdogs finish on their own.
/// </summary>
internal static class LiveWatchdogs
{
    private static readonly ConcurrentDictionary<Watchdog, byte> Live = new();

    static LiveWatchdogs()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ReleaseAll();
        Console.CancelKeyPress += (_, _) => ReleaseAll();
    }

    public static void Add(Watchdog watchdog) => Live.TryAdd(watchdog, 0);

    public static void Remove(Watchdog watchdog) => Live.TryRemove(watchdog, out _);

    private static void ReleaseAll()
    {
        var watchdogs = Live.Keys.ToArray();

        // All at once: a server's shutdown and a folder's removal take a moment each, and they need not queue.
        foreach (var watchdog in watchdogs)
        {
            watchdog.Release();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        foreach (var watchdog in watchdogs)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !watchdog.WaitForExit(left))
            {
                break;
            }
        }
    }
}
