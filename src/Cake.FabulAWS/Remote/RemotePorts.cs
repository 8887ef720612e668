using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>The ports the remote-host aliases need; the pipeline builds them (AWS adapters, git) and passes them in settings.</summary>
/// <param name="Instances">EC2 instances (server lookup, console output for host keys).</param>
/// <param name="AutoScalingGroups">Auto Scaling groups (web servers).</param>
/// <param name="Git">The local repository (refuses tracked secrets files).</param>
public sealed record RemotePorts(IInstances Instances, IAutoScalingGroups AutoScalingGroups, IGitRepository Git)
{
    /// <summary>Gets the remote-host adapter; null for <see cref="SshRemoteHosts"/> built from the SSH settings.</summary>
    public IRemoteHosts? RemoteHosts { get; init; }
}
