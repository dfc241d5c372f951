using System.Globalization;
using System.Text;

namespace RepitBot.Testing;

/// <summary>
/// A process a test fixture starts (a server, a host, a one-off command), run under a <see cref="Watchdog"/> so that it
/// never outlives the test process, however that ends. Its output is kept for failure messages; signals reach it
/// through the watchdog.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const string PidLine = "repitbot-watchdog: pid ";
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<int> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Watchdog watchdog = null!;

    private ServerProcess()
    {
    }

    /// <summary>The pid of the command itself (not of its watchdog).</summary>
    public int Id => started.Task.Result;

    public bool HasExited => watchdog.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a command. When this process lets go of it (dispose, exit) or dies, it gets <paramref name="stopSignal"/>,
    /// then SIGKILL with everything it started after <paramref name="grace"/>. It holds the lock of every
    /// <see cref="TempFolder"/> its working directory or any of <paramref name="folders"/> is in, so that they are
    /// removed only after it is gone.
    /// </summary>
    public static ServerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string stopSignal = "TERM",
        TimeSpan? grace = null,
        IEnumerable<string?>? folders = null)
    {
        workingDirectory ??= Environment.CurrentDirectory;
        var locks = TempFolder.Holding([workingDirectory, .. folders ?? []]).Select(folder => folder.LockFile);
        var seconds = (int)Math.Ceiling((grace ?? TimeSpan.FromSeconds(10)).TotalSeconds);
        var server = new ServerProcess();
        server.watchdog = Watchdog.Start(
            Watchdog.ProcessScript,
            [stopSignal, seconds.ToString(CultureInfo.InvariantCulture), .. locks, "--", fileName, .. arguments],
            server.Append,
            environment,
            workingDirectory);

        // The pid line comes at once; a watchdog that exits without it (its output all read by then) could not start
        // the command. A short command may well have come and gone by the time we look.
        Task.WhenAny(server.started.Task, server.watchdog.WaitForExitAsync(CancellationToken.None), Task.Delay(TimeSpan.FromMinutes(1))).GetAwaiter().GetResult();
        if (!server.started.Task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"Could not start {fileName} (exit code {server.watchdog.ExitCode}):\n{server.Output}");
        }

        return server;
    }

    /// <summary>Runs a command to its end; throws with its output if it fails or takes longer than the timeout.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, IEnumerable<string>? folders = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var process = Start(fileName, arguments, workingDirectory: Path.GetTempPath(), folders: folders);
        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{fileName} did not finish in time: {process.Output}");
        }

        return exitCode == 0 ? process.Output : throw new InvalidOperationException($"{fileName} failed ({exitCode}): {process.Output}");
    }

    /// <summary>Sends a signal (INT for a fast, clean shutdown; KILL to simulate a crash) and waits for the exit.</summary>
    public async Task StopAsync(string signal = "INT", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!watchdog.TrySend(signal))
        {
            await watchdog.WaitForExitAsync(cancellationToken);
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await watchdog.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            watchdog.TrySend("KILL");
            await watchdog.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for the command to end by itself and returns its exit code (128 + the signal if one ended it).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await watchdog.WaitForExitAsync(deadline.Token);
        return watchdog.ExitCode;
    }

    /// <summary>Lets go of the command without waiting: its watchdog stops it. <see cref="Dispose"/> then only waits.</summary>
    public void Release() => watchdog.Release();

    public void Dispose() => watchdog.Dispose();

    private void Append(string line)
    {
        // The command shares the watchdog's output and may have left half a line before it: look anywhere in the line.
        var marker = started.Task.IsCompleted ? -1 : line.IndexOf(PidLine, StringComparison.Ordinal);
        if (marker >= 0 && int.TryParse(line[(marker + PidLine.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            started.TrySetResult(pid);
            line = line[..marker];
            if (line.Length == 0)
            {
                return;
            }
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
