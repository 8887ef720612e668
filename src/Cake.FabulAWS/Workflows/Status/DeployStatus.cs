using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Status;

/// <summary>An environment as DeployStatus shows it.</summary>
/// <param name="Group">The group.</param>
/// <param name="Instances">Its instances with their health in each load balancer.</param>
/// <param name="Lock">The lock, or null.</param>
/// <param name="Interrupted">An interrupted deploy's record, or null.</param>
/// <param name="Kept">Instances kept in Standby for an instant rollback, or null.</param>
/// <param name="History">The last deploys, newest first.</param>
public sealed record DeployStatus(
    AutoScalingGroup Group,
    IReadOnlyList<DeployStatusInstance> Instances,
    GroupLock? Lock,
    DeployRecord? Interrupted,
    KeptSet? Kept,
    IReadOnlyList<DeployHistoryEntry> History);

/// <summary>One instance in <see cref="DeployStatus"/>.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Lifecycle">The group's lifecycle state.</param>
/// <param name="Health">The group's health.</param>
/// <param name="Source">What it was launched from.</param>
/// <param name="Balancers">Its state in each load balancer or target group, by name.</param>
public sealed record DeployStatusInstance(string InstanceId, string Lifecycle, string Health, LaunchSource? Source, IReadOnlyDictionary<string, string> Balancers);
