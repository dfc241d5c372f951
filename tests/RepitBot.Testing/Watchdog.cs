using System.Diagnostics;

namespace RepitBot.Testing;

/// <summary>
/// A small bash process that looks after one thing a fixture made (a process it runs, or a temporary folder) for this
/// test process. Its standard input is a pipe whose only write end is held here: when this process closes it (dispose,
/// exit, Ctrl-C) or dies in any way, SIGKILL included, the kernel closes it, the watchdog reads end of file and cleans
/// up by itself. That is what keeps servers and folders from outliving a test run whose process was killed, which no
/// handler inside the process can do.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    /// <summary>
    /// Runs a command and stops it once the test process lets go. Arguments: STOP_SIGNAL GRACE_SECONDS [LOCK_FILE...]
    /// -- COMMAND [ARGUMENT...]. A line on standard input is a signal to send to the command; end of file sends it
    /// STOP_SIGNAL, then SIGKILL to its whole process group if it is still there after GRACE_SECONDS. Exits with the
    /// command's status. The first line it prints is "repitbot-watchdog: pid N", N being the command's pid.
    /// </summary>
    public const string ProcessScript = """
        stop_signal=$1 grace=$2
        shift 2
        # A shared lock on each folder the command works in: the folder's watchdog removes it only once nobody holds one.
        while [ "$1" != -- ]; do
          exec {lock}>>"$1" || exit 125
          flock -s -w 60 "$lock" || exit 125
          shift
        done
        shift
        exec 9<&0 0</dev/null
        child= reader=
        # Installed before the command starts: a signal in between must still stop it, not leave it unsupervised.
        stop() {
          trap '' INT TERM HUP
          exec >/dev/null 2>&1
          [ -n "$child" ] || exit 143
          kill -s "$stop_signal" "$child"
          sleep "$grace" &
          sleeper=$!
          wait -n "$child" "$sleeper"
          kill -s KILL -- "-$child" "$sleeper" ${reader:+"$reader"}
          wait "$child"
          exit
        }
        trap stop INT TERM HUP

        # Its own session and process group: the whole of it can be killed, and a terminal's Ctrl-C reaches it through us.
        # env gives it back the signals bash ignores in a background job (SIGINT, SIGQUIT: a test stops a host with
        # SIGINT) and drops what bash adds to the environment, so the command gets exactly the environment it was given.
        setsid env --default-signal -u PWD -u OLDPWD -u SHLVL -u _ "$@" 9<&- &
        child=$!
        # Whoever reads our output may die first; a write to a closed pipe must not kill us before we stop the command.
        trap '' PIPE
        echo "repitbot-watchdog: pid $child"

        # Builtins only, so that killing this one subshell ends it.
        (
          exec >/dev/null 2>&1
          while read -r signal <&9; do kill -s "$signal" "$child"; done
          kill -s TERM $$
        ) &
        reader=$!
        # Not one of our jobs: its end is no news to print.
        disown "$reader"
        exec 9<&-
        wait "$child" 2>/dev/null
        status=$?
        kill -s KILL -- "-$child" "$reader" 2>/dev/null
        exit "$status"
        """;

    /// <summary>
    /// Removes a folder once the test process lets go. Arguments: FOLDER. It waits for the folder's lock first, so
    /// that no command still running in the folder (a server on its way down) writes into it while it is removed.
    /// </summary>
    public const string FolderScript = """
        folder=$1
        exec >/dev/null 2>&1
        remove() {
          trap '' INT TERM HUP
          flock -x -w 60 "$folder/.lock" rm -rf -- "$folder" || rm -rf -- "$folder"
          exit
        }
        trap remove INT TERM HUP
        while read -r _; do :; done
        remove
        """;

    private readonly Process process;
    private int released;

    private Watchdog(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts a watchdog running the script; every line it or its command prints goes to <paramref name="output"/>.</summary>
    public static Watchdog Start(string script, IEnumerable<string> arguments, Action<string> output, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(ServerBinaries.WatchdogShell)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("repitbot-watchdog");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        var watchdog = new Watchdog(process);
        LiveWatchdogs.Add(watchdog);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watchdog;

        void Forward(string? line)
        {
            if (line is not null)
            {
                output(line);
            }
        }
    }

    /// <summary>Passes a line to the script (a signal name for the command it runs); false once the watchdog is gone.</summary>
    public bool TrySend(string line)
    {
        if (Volatile.Read(ref released) != 0 || process.HasExited)
        {
            return false;
        }

        try
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Lets go of the watchdog: it stops its command or removes its folder and exits, by itself.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return;
        }

        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The watchdog is gone already: a pipe nobody reads cannot be flushed.
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>Releases the watchdog and waits for it to finish its cleaning up, killing it only if it never does.</summary>
    public void Dispose()
    {
        Release();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        LiveWatchdogs.Remove(this);
        process.Dispose();
    }
}
