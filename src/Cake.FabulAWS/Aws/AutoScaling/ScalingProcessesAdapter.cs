using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="IScalingProcesses"/> on SuspendProcesses / ResumeProcesses.</summary>
internal sealed class ScalingProcessesAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), IScalingProcesses
{
    public Task SuspendProcessesAsync(string groupName, IEnumerable<string> processes, CancellationToken cancellationToken = default) =>
        ChangeAsync("SuspendProcesses", groupName, processes, cancellationToken);

    public Task ResumeProcessesAsync(string groupName, IEnumerable<string> processes, CancellationToken cancellationToken = default) =>
        ChangeAsync("ResumeProcesses", groupName, processes, cancellationToken);

    private Task ChangeAsync(string action, string groupName, IEnumerable<string> processes, CancellationToken cancellationToken)
    {
        // An absent ScalingProcesses list means every process; an empty one (ScalingProcesses=) would be sent as is.
        var names = processes.ToList();
        return CallAsync(
            new QueryRequest(action).Add("AutoScalingGroupName", groupName).AddList("ScalingProcesses", names.Count == 0 ? null : names),
            AutoScalingGroupsAdapter.Group(groupName),
            cancellationToken);
    }
}
