using System.Diagnostics;
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

    public static void Kill(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // gone
            }
            catch (InvalidOperationException)
            {
                // gone
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not ours to kill
            }
        }
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !ReadStat(pid).State.Equals("Z", StringComparison.Ordinal);

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
