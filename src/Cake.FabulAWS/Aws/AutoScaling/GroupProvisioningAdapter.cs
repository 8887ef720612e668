using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary>CreateAutoScalingGroup, AttachLoadBalancers and AttachLoadBalancerTargetGroups.</summary>
internal sealed class GroupProvisioningAdapter(Func<QueryServiceClient> client, Func<string> region) : QueryAdapter(client, region)
{
    public Task CreateGroupAsync(GroupCreation creation, CancellationToken cancellationToken) => CallAsync(
        new QueryRequest("CreateAutoScalingGroup")
            .Add("AutoScalingGroupName", creation.GroupName)
            .AddLaunchSource(creation.LaunchSource)
            .Add("MinSize", creation.MinSize)
            .Add("MaxSize", creation.MaxSize)
            .Add("DesiredCapacity", creation.DesiredCapacity)
            .AddList("AvailabilityZones", NullIfEmpty(creation.AvailabilityZones))
            .Add("VPCZoneIdentifier", creation.SubnetIds.Count == 0 ? null : string.Join(',', creation.SubnetIds))
            .AddList("LoadBalancerNames", NullIfEmpty(creation.LoadBalancerNames))
            .AddList("TargetGroupARNs", NullIfEmpty(creation.TargetGroupArns))
            .Add("HealthCheckType", creation.HealthCheckType)
            .Add("HealthCheckGracePeriod", creation.HealthCheckGracePeriod)
            .AddList("TerminationPolicies", NullIfEmpty(creation.TerminationPolicies))
            .AddGroupTags(creation.GroupName, creation.Tags.Count == 0 ? null : creation.Tags.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value)), true),
        AutoScalingGroupsAdapter.Group(creation.GroupName),
        cancellationToken);

    public async Task AttachAsync(string groupName, IReadOnlyList<LoadBalancerRef> loadBalancers, CancellationToken cancellationToken)
    {
        var classic = loadBalancers.Where(l => l.Kind == LoadBalancerKind.Classic).Select(l => l.Id).ToList();
        var targetGroups = loadBalancers.Where(l => l.Kind == LoadBalancerKind.TargetGroup).Select(l => l.Id).ToList();
        if (classic.Count > 0)
        {
            await CallAsync(
                new QueryRequest("AttachLoadBalancers").Add("AutoScalingGroupName", groupName).AddList("LoadBalancerNames", classic),
                AutoScalingGroupsAdapter.Group(groupName),
                cancellationToken).ConfigureAwait(false);
        }

        if (targetGroups.Count > 0)
        {
            await CallAsync(
                new QueryRequest("AttachLoadBalancerTargetGroups").Add("AutoScalingGroupName", groupName).AddList("TargetGroupARNs", targetGroups),
                AutoScalingGroupsAdapter.Group(groupName),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : values;
}
