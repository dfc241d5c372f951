using System.Diagnostics;
using System.Globalization;
using RepitBot.Testing;
using Xunit.Abstractions;

namespace RepitBot.EndToEnd.Tests;

/// <summary>What a fixture starts (servers, host processes, temporary folders) does not outlive the process that started it.</summary>
public sealed class FixtureCleanupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Given_a_test_process_killed_with_SIGKILL_Then_its_servers_and_temp_folders_are_gone()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(FixtureProbe).Assembly.Location, FixtureProbe.Command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Killed, the probe could not remove its own diagnostics socket and pipes from the temp folder.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        var clock = Stopwatch.StartNew();
        using var probe = Process.Start(start)!;
        var stderr = probe.StandardError.ReadToEndAsync();
        var processes = new List<int>();
        var folders = new List<string>();
        IReadOnlyList<(int Pid, string StartTime)> started = [];
        var passed = false;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await probe.StandardOutput.ReadLineAsync(deadline.Token) is { } line && line != "ready")
            {
                if (line.StartsWith("process ", StringComparison.Ordinal))
                {
                    processes.Add(int.Parse(line["process ".Length..], CultureInfo.InvariantCulture));
                }
                else if (line.StartsWith("folder ", StringComparison.Ordinal))
                {
                    folders.Add(line["folder ".Length..]);
                }
            }

            // Everything the probe started, down to PostgreSQL's backends and the watchdogs themselves.
            started = Descendants(probe.Id);
            if (processes.Count != 3 || folders.Count != 4)
            {
                Assert.Fail($"The probe did not start:\n{await StderrAsync(probe, stderr)}");
            }

            Assert.All(processes, pid => Assert.Contains(pid, started.Select(p => p.Pid)));
            Assert.All(folders, folder => Assert.True(Directory.Exists(folder), folder));

            output.WriteLine($"The probe started {started.Count} processes and {folders.Count} folders in {clock.Elapsed.TotalSeconds:0.0} s.");
            probe.Kill();
            clock.Restart();

            var gone = await Eventually.TrueAsync(() => Task.FromResult(Leftovers(started, folders).Count == 0), TimeSpan.FromSeconds(30));
            Assert.True(gone, "Still there 30 s after the probe was killed:\n" + string.Join('\n', Leftovers(started, folders)));
            output.WriteLine($"All gone {clock.Elapsed.TotalSeconds:0.0} s after the SIGKILL.");
            passed = true;
        }
        finally
        {
            probe.Kill();
            if (!passed)
            {
                RemoveLeftovers(processes, folders);
            }
        }
    }

    /// <summary>
    /// When the test fails, what the probe left must not pile up either. The servers' process groups only: their
    /// watchdogs, if they are there, end with them, and a watchdog killed half-way could leave a folder locked.
    /// </summary>
    private static void RemoveLeftovers(IEnumerable<int> servers, IEnumerable<string> folders)
    {
        foreach (var pid in servers)
        {
            using var kill = Process.Start("kill", ["-KILL", "--", "-" + pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Removed meanwhile, maybe by its watchdog after all.
            }
        }
    }

    private static async Task<string> StderrAsync(Process probe, Task<string> stderr)
    {
        probe.Kill();
        await probe.WaitForExitAsync();
        return await stderr;
    }

    private static List<string> Leftovers(IEnumerable<(int Pid, string StartTime)> processes, IEnumerable<string> folders) =>
    [
        .. processes.Where(p => IsRunning(p.Pid, p.StartTime)).Select(p => $"process {p.Pid}: {CommandLine(p.Pid)}"),
        .. folders.Where(Directory.Exists).Select(folder => $"folder {folder}"),
    ];

    /// <summary>The processes under this one, each with its start time, so a pid the system reuses later is not taken for it.</summary>
    private static List<(int Pid, string StartTime)> Descendants(int root)
    {
        var parents = new Dictionary<int, (int Parent, string StartTime)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = (stat.Parent, stat.StartTime);
            }
        }

        var found = new List<(int Pid, string StartTime)>();
        var next = new Queue<int>([root]);
        while (next.TryDequeue(out var parent))
        {
            foreach (var (pid, (_, startTime)) in parents.Where(p => p.Value.Parent == parent))
            {
                found.Add((pid, startTime));
                next.Enqueue(pid);
            }
        }

        return found;
    }

    /// <summary>Whether the process is still there: a zombie nobody has reaped yet has ended, and counts as gone.</summary>
    private static bool IsRunning(int pid, string startTime) => Stat(pid) is { } stat && stat.StartTime == startTime && stat.State != "Z";

    private static (string State, int Parent, string StartTime)? Stat(int pid)
    {
        try
        {
            // The fields after the command name, which may itself hold spaces and parentheses.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[19]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            // A watchdog's script is long; its name and arguments say which one it is.
            var parts = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', parts is [_, "-c", _, .. var rest] ? rest : parts);
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }
}
