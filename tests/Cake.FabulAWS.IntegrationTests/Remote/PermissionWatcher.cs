namespace Cake.FabulAWS.IntegrationTests.Remote;

/// <summary>
/// Watches directories while a push runs, by inotify (FileSystemWatcher, stat on every event) and by repeated listing
/// on its own thread, and records every file that group or others could read or write.
/// </summary>
public sealed class PermissionWatcher : IDisposable
{
    private const UnixFileMode NotOwner = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
    private readonly IReadOnlyList<string> roots;
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly List<string> violations = [];
    private readonly HashSet<string> seen = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread poller;
    private long passes;

    public PermissionWatcher(IReadOnlyList<string> roots)
    {
        this.roots = roots;
        foreach (var root in roots)
        {
            var watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.Attributes | NotifyFilters.Size | NotifyFilters.DirectoryName };
            watcher.Created += (_, e) => Inspect(e.FullPath);
            watcher.Changed += (_, e) => Inspect(e.FullPath);
            watcher.Renamed += (_, e) => Inspect(e.FullPath);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }

        poller = new Thread(Poll) { IsBackground = true };
        poller.Start();
    }

    public IReadOnlyList<string> Violations
    {
        get { lock (violations) { return [.. violations]; } }
    }

    public IReadOnlyCollection<string> Seen
    {
        get { lock (violations) { return [.. seen]; } }
    }

    /// <summary>Waits until the poller has listed every root at least once from start to end after this call.</summary>
    /// <returns>A task.</returns>
    public async Task WaitForFullPassAsync()
    {
        var wanted = Interlocked.Read(ref passes) + 2; // the pass in progress may have started before the call
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Interlocked.Read(ref passes) < wanted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The permission watcher made no full pass over its folders within 30 s.");
            }

            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        poller.Join();
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }

    private void Poll()
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var root in roots)
            {
                try
                {
                    foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                    {
                        Inspect(file);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // a file vanished between listing and stat (the rename): list again
                }
            }

            Interlocked.Increment(ref passes);
        }
    }

    private void Inspect(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return;
            }

            var mode = File.GetUnixFileMode(path);
            lock (violations)
            {
                seen.Add(Path.GetFileName(path));
                if ((mode & NotOwner) != 0)
                {
                    violations.Add($"{path} {Convert.ToString((int)mode, 8)}");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // gone already
        }
    }
}
