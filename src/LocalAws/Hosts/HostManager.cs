using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LocalAws.Hosts;

/// <summary>
/// Owns every process and listener LocalAws starts: instance hosts (sshd + web) and load balancer endpoints.
/// Starts run in the background (start all, then await); disposing stops all of them and kills what is left
/// of sshd's session children.
/// </summary>
internal sealed class HostManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task<InstanceHost?>> hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<WebApplication?>> endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, bool> sshdProcesses = new();
    private readonly ConcurrentBag<Task> inFlight = [];
    private readonly CancellationTokenSource stopping = new();

    public HostManager(string dataDirectory, string authorizedKeysFile)
    {
        DataDirectory = dataDirectory;
        AuthorizedKeysFile = authorizedKeysFile;
    }

    public string DataDirectory { get; }

    public string AuthorizedKeysFile { get; }

    /// <summary>Gets the sshd process ids started so far (tests check none survives disposal).</summary>
    public IReadOnlyCollection<int> SshdProcessIds => sshdProcesses.Keys.ToList();

    public string InstanceHome(string instanceId) => Path.Combine(DataDirectory, "instances", instanceId, "home");

    /// <summary>Prepares the instance's directory (a copy of its image), makes its host key, starts sshd and web.</summary>
    /// <returns>The sshd host public key line.</returns>
    public async Task<string> StartInstanceAsync(HostPlan plan, string? imageDirectory)
    {
        var started = Task.Run(
            async () =>
            {
                DirectoryCopy.Copy(imageDirectory ?? string.Empty, plan.HomeDirectory);
                Directory.CreateDirectory(plan.SshWorkDirectory);
                if (!File.Exists(plan.HostKeyFile))
                {
                    await KeyGen.CreateAsync(plan.HostKeyFile, comment: $"root@ip-{plan.Address.Replace('.', '-')}", cancellationToken: stopping.Token).ConfigureAwait(false);
                }

                var host = await InstanceHost.StartAsync(plan, stopping.Token).ConfigureAwait(false);
                if (host.SshProcessId is { } pid)
                {
                    sshdProcesses[pid] = true;
                }

                return (InstanceHost?)host;
            },
            stopping.Token);
        hosts[plan.InstanceId] = started;
        inFlight.Add(started);
        await started.ConfigureAwait(false);
        return (await File.ReadAllTextAsync(plan.HostKeyFile + ".pub").ConfigureAwait(false)).Trim();
    }

    public Task StopInstanceAsync(string instanceId)
    {
        if (!hosts.TryRemove(instanceId, out var started))
        {
            return Task.CompletedTask;
        }

        var stop = StopHostAsync(started);
        inFlight.Add(stop);
        return stop;
    }

    public async Task StopSshAsync(string instanceId)
    {
        if (hosts.TryGetValue(instanceId, out var started) && await started.ConfigureAwait(false) is { } host)
        {
            await host.StopSshAsync().ConfigureAwait(false);
        }
    }

    public Task StartEndpoint(string name, string address, int port, RequestDelegate handler)
    {
        var started = MiniKestrel.StartAsync(address, port, handler, stopping.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        endpoints[address] = started!; // by address: a load balancer and a target group may share a name
        inFlight.Add(started);
        return started;
    }

    /// <summary>Waits for every start and stop begun so far.</summary>
    /// <returns>A task.</returns>
    public async Task SettleAsync()
    {
        foreach (var task in inFlight.ToArray())
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // a failed start is recorded on the instance
            }
        }
    }

    /// <summary>Kills every sshd and its children now, synchronously (process exit, Ctrl+C).</summary>
    public void KillAllNow()
    {
        ProcessTree.Kill(ProcessTree.Descendants(sshdProcesses.Keys));
        ProcessTree.Kill(ProcessTree.Using(Path.Combine(DataDirectory, "instances")));
    }

    public async ValueTask DisposeAsync()
    {
        var tree = ProcessTree.Descendants(sshdProcesses.Keys);
        await stopping.CancelAsync().ConfigureAwait(false);
        var stops = hosts.Values.Select(StopHostAsync).Concat(endpoints.Values.Select(async e =>
        {
            try
            {
                await MiniKestrel.StopAsync(await e.ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // never started
            }
        }));
        try
        {
            await Task.WhenAll(stops).WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // kill what is left below
        }

        ProcessTree.Kill(ProcessTree.Descendants(tree));
        ProcessTree.Kill(ProcessTree.Using(Path.Combine(DataDirectory, "instances"))); // session commands whose sshd already let them go
        stopping.Dispose();
    }

    private static async Task StopHostAsync(Task<InstanceHost?> started)
    {
        try
        {
            if (await started.ConfigureAwait(false) is { } host)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // it never started; nothing to stop
        }
    }
}
