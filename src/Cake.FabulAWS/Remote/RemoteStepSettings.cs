using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>What every remote-host alias needs: the environment, how to reach its servers, and the ports.</summary>
public abstract record RemoteStepSettings
{
    /// <summary>Gets the deployment tag (FabulAWS <c>deployment</c>).</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the environment tag, such as staging.</summary>
    public required string Environment { get; init; }

    /// <summary>Gets how to reach the servers over SSH.</summary>
    public required SshSettings Ssh { get; init; }

    /// <summary>Gets the ports (AWS adapters, git).</summary>
    public required RemotePorts Ports { get; init; }

    /// <summary>Gets the instance attribute to connect to: private_ip_address, ip_address, public_dns_name or private_dns_name.</summary>
    public string AddressAttribute { get; init; } = "private_ip_address";

    /// <summary>Gets explicit hosts to work on instead of looking them up (for example one server of a serial deploy).</summary>
    public IReadOnlyList<RemoteHost>? Hosts { get; init; }
}
