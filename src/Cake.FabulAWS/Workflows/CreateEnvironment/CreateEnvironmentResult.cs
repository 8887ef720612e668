using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.Phases;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>Where a server of a new environment got to.</summary>
public enum ServerState
{
    /// <summary>Created and provisioned.</summary>
    Ready,

    /// <summary>A step failed; its log file says why.</summary>
    Failed,

    /// <summary>The run was stopped (Ctrl-C, SIGTERM) before it was ready.</summary>
    Stopped,

    /// <summary>A web server of the group, in service behind the load balancers.</summary>
    Serving,
}

/// <summary>One server of the new environment.</summary>
/// <param name="Role">Its role tag.</param>
/// <param name="Label">The role, with its number when the role has several servers.</param>
/// <param name="Zone">Its availability zone.</param>
/// <param name="LogFile">Its log file.</param>
/// <param name="State">Where it got to.</param>
public sealed record EnvironmentServer(string Role, string Label, string Zone, string LogFile, ServerState State)
{
    /// <summary>Gets its instance id, once launched.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets the address it is reached at, once it runs.</summary>
    public string? Address { get; init; }

    /// <summary>Gets why it failed: the step and the reason.</summary>
    public string? Failure { get; init; }

    /// <summary>Gets the table's server column: <c>i-0abc (10.0.0.5, us-east-1a)</c>.</summary>
    public string Server => InstanceId is null ? $"{Label}, not launched ({Zone})" : $"{InstanceId} ({(Address is null ? string.Empty : Address + ", ")}{Zone})";
}

/// <summary>What CreateEnvironment built.</summary>
/// <param name="Servers">Every server: those of <c>servers</c>, then the web servers of the group.</param>
/// <param name="Made">The launch template and group it created, or what it changed on an existing group.</param>
/// <param name="Release">What the web tier runs: the release CreateLaunchConfig baked (or <c>--launch-config</c>).</param>
/// <param name="Deploy">What DeployFull did.</param>
/// <param name="Phases">The phases and their durations.</param>
/// <param name="Duration">The whole run.</param>
public sealed record CreateEnvironmentResult(
    IReadOnlyList<EnvironmentServer> Servers,
    IReadOnlyList<string> Made,
    LaunchConfigResult Release,
    DeployResult Deploy,
    IReadOnlyList<PhaseRecord> Phases,
    TimeSpan Duration);
