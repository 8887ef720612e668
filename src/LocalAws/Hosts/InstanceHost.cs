using Microsoft.AspNetCore.Builder;

namespace LocalAws.Hosts;

/// <summary>What an instance host needs: its address, its directories, its ports, its faults.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Address">Its loopback address.</param>
/// <param name="HomeDirectory">Its directory (home for SSH; www/ served over HTTP).</param>
/// <param name="SshWorkDirectory">sshd's config, host key and log.</param>
/// <param name="AuthorizedKeysFile">The authorized_keys file shared by all instances.</param>
/// <param name="SshPort">The sshd port.</param>
/// <param name="HttpPort">The HTTP port.</param>
/// <param name="SshDown">Whether a fault keeps sshd down.</param>
/// <param name="NeverHealthy">Whether a fault fails every HTTP request.</param>
internal sealed record HostPlan(string InstanceId, string Address, string HomeDirectory, string SshWorkDirectory, string AuthorizedKeysFile, int SshPort, int HttpPort, bool SshDown, Func<bool> NeverHealthy)
{
    public string HostKeyFile => Path.Combine(SshWorkDirectory, "ssh_host_ed25519_key");
}

/// <summary>One running instance's processes: a real sshd and a small web server, both on its address.</summary>
internal sealed class InstanceHost : IAsyncDisposable
{
    private WebApplication? web;

    private InstanceHost(HostPlan plan) => Plan = plan;

    public HostPlan Plan { get; }

    public SshServer? Ssh { get; private set; }

    public int? SshProcessId { get; private set; }

    public static async Task<InstanceHost> StartAsync(HostPlan plan, CancellationToken cancellationToken)
    {
        var host = new InstanceHost(plan);
        try
        {
            DirectoryCopy.MakeWritable(Path.Combine(plan.HomeDirectory, "www"));
            var webTask = MiniKestrel.StartAsync(plan.Address, plan.HttpPort, InstanceWebServer.Handler(plan.HomeDirectory, plan.InstanceId, plan.NeverHealthy), cancellationToken);
            var sshTask = plan.SshDown ? Task.FromResult<SshServer?>(null) : StartSsh(plan, cancellationToken);
            host.web = await webTask.ConfigureAwait(false);
            host.Ssh = await sshTask.ConfigureAwait(false);
            host.SshProcessId = host.Ssh?.ProcessId;
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops sshd (a fault: the host's SSH goes down) and kills its sessions.</summary>
    /// <returns>A task.</returns>
    public async Task StopSshAsync()
    {
        var ssh = Ssh;
        Ssh = null;
        if (ssh is null)
        {
            return;
        }

        var tree = ProcessTree.Descendants([ssh.ProcessId]);
        await ssh.DisposeAsync().ConfigureAwait(false);
        ProcessTree.Kill(tree);
        ProcessTree.Kill(ProcessTree.Using(Plan.HomeDirectory));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(StopSshAsync(), MiniKestrel.StopAsync(web)).ConfigureAwait(false);
        web = null;
    }

    private static async Task<SshServer?> StartSsh(HostPlan plan, CancellationToken cancellationToken)
    {
        var options = new SshServerOptions(plan.Address, plan.SshPort, plan.SshWorkDirectory, plan.AuthorizedKeysFile, plan.HomeDirectory) { HostKeyFile = plan.HostKeyFile };
        return await SshServer.StartAsync(options, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
    }
}
