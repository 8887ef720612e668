using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>What one deploy deploys, and the choices of its run (plain data; fabulaws-config.yml has the rest).</summary>
public sealed record DeploySettings
{
    /// <summary>Gets what CreateLaunchConfig made in this run; or give <see cref="LaunchConfigName"/>.</summary>
    public LaunchConfigResult? Release { get; init; }

    /// <summary>Gets the name of a launch source CreateLaunchConfig made earlier (<c>--launch-config</c>).</summary>
    public string? LaunchConfigName { get; init; }

    /// <summary>Gets the environment's name, typed to confirm a production deploy without a terminal (<c>--confirm</c>).</summary>
    public string? Confirm { get; init; }

    /// <summary>Gets the serial strategy for this run (<c>--strategy</c>); null for <c>serial.strategy</c>.</summary>
    public SerialStrategy? Strategy { get; init; }
}
