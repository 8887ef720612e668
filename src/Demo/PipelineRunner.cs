using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Demo;

/// <summary>
/// Runs a target of the repository's pipeline exactly as build.sh does after building the add-in:
/// <c>dotnet cake build/build.cake --target=X --environment=local --config=CLONE/fabulaws-config.yml --skip-tests</c>,
/// from the repository root, with LocalAws credentials and the demo's SSH key and nothing of the user's AWS setup.
/// Each line goes to the terminal and to the run's log. Cancelled, the run gets SIGTERM (the add-in then cleans up as
/// after a Ctrl-C) and its process tree is killed after the grace period, or at once on a second signal.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly string repository;
    private readonly string configFile;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly string logDirectory;
    private readonly Terminal terminal;
    private readonly TimeSpan grace;
    private readonly List<Process> running = [];
    private int runs;

    public PipelineRunner(string repository, string configFile, IReadOnlyDictionary<string, string?> environment, string logDirectory, Terminal terminal, TimeSpan grace)
    {
        this.repository = repository;
        this.configFile = configFile;
        this.environment = environment;
        this.logDirectory = logDirectory;
        this.terminal = terminal;
        this.grace = grace;
    }

    /// <summary>The arguments of a run of <paramref name="target"/> for environment local of the clone.</summary>
    public string[] Arguments(string target, params string[] extra) =>
        ["cake", "build/build.cake", $"--target={target}", $"--environment={DemoConfig.Environment}", $"--config={configFile}", "--skip-tests", .. extra];

    /// <summary>Runs a target; returns its exit code and the log file.</summary>
    public async Task<(int ExitCode, string Log)> RunAsync(string target, string[] extra, CancellationToken cancellationToken, CancellationToken hurry)
    {
        var arguments = Arguments(target, extra);
        var log = Path.Combine(logDirectory, $"{Interlocked.Increment(ref runs):00}-{target}.log");
        Directory.CreateDirectory(logDirectory);
        terminal.Info("$ dotnet " + string.Join(' ', arguments));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        await using var writer = new StreamWriter(log) { AutoFlush = true };
        using var process = new Process { StartInfo = start };
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            terminal.Child(line);
            lock (writer)
            {
                writer.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        lock (running)
        {
            process.Start();
            running.Add(process);
        }

        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process, hurry);
                throw;
            }

            process.WaitForExit(); // the last lines of output
            return (process.ExitCode, log);
        }
        finally
        {
            lock (running)
            {
                running.Remove(process);
            }
        }
    }

    /// <summary>Kills every run still going, with its process tree (the cleanup's last step for children).</summary>
    public void KillAll()
    {
        lock (running)
        {
            foreach (var process in running.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task StopAsync(Process process, CancellationToken hurry)
    {
        if (process.HasExited)
        {
            return;
        }

        terminal.Info($"stopping the child run (pid {process.Id}): SIGTERM, then killed after {grace.TotalSeconds:0} s");
        _ = SendSignal(process.Id, 15);
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(hurry);
        waited.CancelAfter(grace);
        try
        {
            await process.WaitForExitAsync(waited.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
