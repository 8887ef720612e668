using System.Globalization;
using System.Runtime.InteropServices;

namespace Demo;

/// <summary>What a sweep found and did.</summary>
/// <param name="Killed">The processes that were still using the work directory (pid and command line), now killed.</param>
/// <param name="Left">Processes still alive after the kill (should be none).</param>
/// <param name="DirectoryRemoved">Whether the work directory is gone.</param>
/// <param name="Error">Why the directory could not be removed, if so.</param>
internal sealed record SweepResult(IReadOnlyList<string> Killed, IReadOnlyList<string> Left, bool DirectoryRemoved, string? Error)
{
    public bool Clean => Left.Count == 0 && DirectoryRemoved;

    public string Describe(string directory) =>
        (Killed.Count == 0 ? "no process was left using it" : $"killed {Killed.Count} process(es) still using it: {string.Join("; ", Killed)}")
        + (Left.Count > 0 ? $"; STILL RUNNING: {string.Join("; ", Left)}" : string.Empty)
        + (DirectoryRemoved ? $"; {directory} removed" : $"; {directory} NOT removed: {Error}");
}

/// <summary>
/// The last step of every ending: kills the processes that still use the work directory (its path in their command line,
/// their working directory or HOME in it: sshd of an instance host, a session's shell, a child run) and deletes it.
/// Normally there is nothing to kill: child runs and LocalAws were stopped before. The Demo target runs it again
/// (<c>--sweep</c>) when the demo itself was killed before it could.
/// </summary>
internal static class Sweeper
{
    public static SweepResult Sweep(string directory)
    {
        var killed = Find(directory);
        foreach (var (pid, _) in killed)
        {
            _ = SendSignal(pid, 9);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var left = killed;
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50); // SIGKILL takes effect at once; the kernel reaps within milliseconds
            left = left.Where(p => IsAlive(p.Pid)).ToList();
        }

        string? error = null;
        for (var attempt = 0; attempt < 5 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = e.Message; // a file a dying process still wrote: try again
                Thread.Sleep(100);
            }
        }

        return new SweepResult(killed.Select(Describe).ToList(), left.Select(Describe).ToList(), !Directory.Exists(directory), error);
    }

    /// <summary>Processes (other than this one) whose command line mentions the directory, or whose working directory or HOME is in it.</summary>
    public static IReadOnlyList<(int Pid, string CommandLine)> Find(string directory)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                var home = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').FirstOrDefault(v => v.StartsWith("HOME=", StringComparison.Ordinal))?[5..];
                if (commandLine.Contains(path, StringComparison.Ordinal) || Within(cwd, path) || Within(home, path))
                {
                    found.Add((pid, commandLine.Length > 0 ? commandLine : $"[pid {pid}]"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or a kernel thread
            }
        }

        return found;
    }

    private static bool Within(string? candidate, string path) =>
        candidate is not null && (candidate == path || candidate.StartsWith(path + "/", StringComparison.Ordinal));

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe((int Pid, string CommandLine) process) =>
        $"{process.Pid} {(process.CommandLine.Length > 120 ? process.CommandLine[..120] + "..." : process.CommandLine)}";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
