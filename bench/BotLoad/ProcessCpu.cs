using System.Globalization;

namespace RepitBot.Bench.BotLoad;

/// <summary>CPU time (user + system, in clock ticks) that processes have used, from /proc/PID/stat, as bench/run.sh reads it.</summary>
internal static class ProcessCpu
{
    /// <summary>Each process's ticks so far, by pid.</summary>
    public static IReadOnlyDictionary<int, long> Ticks(IEnumerable<int> pids) => pids.Distinct().ToDictionary(pid => pid, Ticks);

    /// <summary>The process ids written in a file, separated by blanks; none without a file.</summary>
    public static IReadOnlyList<int> Read(string? pidsFile) => pidsFile is null
        ? []
        : [.. File.ReadAllText(pidsFile).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))];

    private static long Ticks(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        // The command name may hold spaces: the fields that follow start after its closing parenthesis.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
