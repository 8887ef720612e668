using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary><see cref="IGroupInstances"/> on DescribeAutoScalingInstances, SetInstanceHealth, TerminateInstanceInAutoScalingGroup, EnterStandby and ExitStandby.</summary>
internal sealed class GroupInstancesAdapter(Func<QueryServiceClient> client, Func<string> region)
    : QueryAdapter(client, region), IGroupInstances
{
    private const int MaxRecords = 50;

    public async Task<IReadOnlyList<(string GroupName, GroupInstance Instance)>> DescribeAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default)
    {
        // No ids would describe every instance of every group in the account: not what a caller with no ids means.
        var ids = instanceIds.ToList();
        var found = new List<(string, GroupInstance)>();
        if (ids.Count == 0)
        {
            return found;
        }

        // At most 50 ids per call (the model's limit), each call followed over its pages.
        foreach (var chunk in ids.Chunk(MaxRecords))
        {
            var resource = chunk.Length == 1 ? Instance(chunk[0]) : $"instances {string.Join(", ", chunk)}";
            var pages = PagesAsync(
                () => new QueryRequest("DescribeAutoScalingInstances").AddList("InstanceIds", chunk).Add("MaxRecords", MaxRecords),
                "NextToken",
                "NextToken",
                resource,
                cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                found.AddRange(page.Members("AutoScalingInstances").Select(i => (i.Required("AutoScalingGroupName"), AutoScalingXml.Instance(i))));
            }
        }

        return found;
    }

    public Task SetHealthAsync(string instanceId, bool healthy, bool respectGracePeriod = false, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("SetInstanceHealth")
            .Add("InstanceId", instanceId)
            .Add("HealthStatus", healthy ? "Healthy" : "Unhealthy")
            .Add("ShouldRespectGracePeriod", respectGracePeriod),
        Instance(instanceId),
        cancellationToken);

    public Task TerminateAsync(string instanceId, bool decrementDesiredCapacity, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("TerminateInstanceInAutoScalingGroup").Add("InstanceId", instanceId).Add("ShouldDecrementDesiredCapacity", decrementDesiredCapacity),
        Instance(instanceId),
        cancellationToken);

    public Task EnterStandbyAsync(string groupName, IReadOnlyList<string> instanceIds, bool decrementDesiredCapacity, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("EnterStandby").Add("AutoScalingGroupName", groupName).AddList("InstanceIds", instanceIds).Add("ShouldDecrementDesiredCapacity", decrementDesiredCapacity),
        $"instances {string.Join(", ", instanceIds)} of group '{groupName}'",
        cancellationToken);

    public Task ExitStandbyAsync(string groupName, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken = default) => CallAsync(
        new QueryRequest("ExitStandby").Add("AutoScalingGroupName", groupName).AddList("InstanceIds", instanceIds),
        $"instances {string.Join(", ", instanceIds)} of group '{groupName}'",
        cancellationToken);

    private static string Instance(string id) => $"instance '{id}'";
}
