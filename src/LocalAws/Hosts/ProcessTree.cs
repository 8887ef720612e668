using System.Globalization;

namespace LocalAws.Hosts;

/// <summary>Reads /proc to find a process's descendants, so sshd's session children can be killed too.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(IEnumerable<int> roots)
    {
        var parents = ParentMap();
        var found = new HashSet<int>(roots);
        var added = true;
        while (added)
        {
            added = false;
            foreach (var (pid, ppid) in parents)
            {
                if (found.Contains(ppid) && found.Add(pid))
                {
                    added = true;
                }
            }
        }

        return found.ToList();
    }

    /// <summary>Sends a signal (15 = SIGTERM) to a process.</summary>
    public static bool Signal(int pid, int signal) => SendSignal(pid, signal) == 0;

    /// <summary>Sends SIGKILL to each process (as root this reaches the fabdeploy session processes too).</summary>
    public static void Kill(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Where(p => p > 1))
        {
            _ = SendSignal(pid, 9); // ESRCH: already gone
        }
    }

    /// <summary>
    /// Processes of the login user whose HOME or working directory lies under <paramref name="directory"/>: the
    /// commands of SSH sessions, which outlive sshd when their client has gone (they are re-parented, not killed).
    /// </summary>
    public static IReadOnlyList<int> Using(string directory, string user = LocalUsers.DeployUser)
    {
        var uid = UserId(user);
        if (uid is null)
        {
            return [];
        }

        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + "/";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (!File.ReadLines(Path.Combine(dir, "status")).Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == uid))
                {
                    continue;
                }

                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                var environment = File.ReadAllText(Path.Combine(dir, "environ"));
                if ((cwd is not null && (cwd + "/").StartsWith(prefix, StringComparison.Ordinal))
                    || environment.Split('\0').Any(v => v.StartsWith("HOME=" + prefix, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or a kernel thread
            }
        }

        return found;
    }

    private static string? UserId(string user) =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[0] == user)?[2];

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !ReadStat(pid).State.Equals("Z", StringComparison.Ordinal);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static Dictionary<int, int> ParentMap()
    {
        var map = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                var stat = ReadStat(pid);
                if (stat.Parent > 0)
                {
                    map[pid] = stat.Parent;
                }
            }
        }

        return map;
    }

    private static (string State, int Parent) ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return ("X", 0);
        }
        catch (UnauthorizedAccessException)
        {
            return ("X", 0);
        }
    }
}
