using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>Auto Scaling (2011-01-01): groups, sizes, processes, instances, standby, tags, launch configurations, activities, refreshes.</summary>
internal sealed partial class AutoScalingApi : ServiceApi
{
    private static readonly string[] Processes = ["Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy", "AZRebalance", "AlarmNotification", "ScheduledActions", "AddToLoadBalancer", "InstanceRefresh"];

    public AutoScalingApi(Cloud cloud)
        : base(cloud)
    {
        Actions = new Dictionary<string, Action<QueryRequest, XmlOut>>(StringComparer.Ordinal)
        {
            ["DescribeAutoScalingGroups"] = DescribeGroups,
            ["CreateAutoScalingGroup"] = CreateGroup,
            ["UpdateAutoScalingGroup"] = UpdateGroup,
            ["DeleteAutoScalingGroup"] = DeleteGroup,
            ["SetDesiredCapacity"] = SetDesiredCapacity,
            ["SuspendProcesses"] = (r, _) => SetProcesses(r, suspend: true),
            ["ResumeProcesses"] = (r, _) => SetProcesses(r, suspend: false),
            ["CreateOrUpdateTags"] = CreateOrUpdateTags,
            ["DeleteTags"] = DeleteTags,
            ["AttachLoadBalancers"] = AttachLoadBalancers,
            ["AttachLoadBalancerTargetGroups"] = AttachTargetGroups,
            ["DetachLoadBalancers"] = (r, _) => Group(r).LoadBalancerNames.RemoveAll(n => r.Strings("LoadBalancerNames").Contains(n)),
            ["DetachLoadBalancerTargetGroups"] = (r, _) => Group(r).TargetGroupArns.RemoveAll(a => r.Strings("TargetGroupARNs").Contains(a)),
            ["DescribeAutoScalingInstances"] = DescribeInstances,
            ["SetInstanceHealth"] = SetInstanceHealth,
            ["TerminateInstanceInAutoScalingGroup"] = TerminateInstance,
            ["EnterStandby"] = EnterStandby,
            ["ExitStandby"] = ExitStandby,
            ["DescribeScalingActivities"] = DescribeActivities,
            ["CreateLaunchConfiguration"] = CreateLaunchConfiguration,
            ["DescribeLaunchConfigurations"] = DescribeLaunchConfigurations,
            ["DeleteLaunchConfiguration"] = DeleteLaunchConfiguration,
            ["StartInstanceRefresh"] = StartInstanceRefresh,
            ["DescribeInstanceRefreshes"] = DescribeInstanceRefreshes,
            ["CancelInstanceRefresh"] = CancelInstanceRefresh,
            ["RollbackInstanceRefresh"] = RollbackInstanceRefresh,
        };
    }

    public override string Name => "autoscaling";

    public override string ApiVersion => "2011-01-01";

    public override string XmlNamespace => "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    protected override IReadOnlyDictionary<string, Action<QueryRequest, XmlOut>> Actions { get; }

    private AutoScalingGroup Group(QueryRequest request, string parameter = "AutoScalingGroupName")
    {
        var name = request.Required(parameter);
        return Cloud.State.Groups.TryGetValue(name, out var group)
            ? group
            : throw AwsException.Validation($"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found");
    }

    private (AutoScalingGroup Group, GroupMember Member) Member(string instanceId)
    {
        var (group, member) = Cloud.State.FindMember(instanceId);
        return group is not null && member is not null
            ? (group, member)
            : throw AwsException.Validation($"Instance Id not found - No managed instance found for instance ID: {instanceId}");
    }

    private void SetProcesses(QueryRequest request, bool suspend)
    {
        var group = Group(request);
        var names = request.Strings("ScalingProcesses");
        var unknown = names.Where(n => !Processes.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw AwsException.Validation($"Invalid processes: [{string.Join(", ", unknown)}]. Valid processes are {string.Join(", ", Processes)}.");
        }

        foreach (var process in names.Count == 0 ? Processes : names)
        {
            if (suspend)
            {
                group.SuspendedProcesses.TryAdd(process, $"User suspended at {Now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            }
            else
            {
                group.SuspendedProcesses.Remove(process);
            }
        }

        Cloud.Wake();
    }

    private void CreateOrUpdateTags(QueryRequest request, XmlOut xml)
    {
        foreach (var tag in request.Structs("Tags"))
        {
            var group = Group(tag, "ResourceId");
            var key = tag.Required("Key");
            group.Tags.RemoveAll(t => t.Key == key);
            group.Tags.Add(new GroupTag(key, tag.Get("Value") ?? string.Empty, tag.Bool("PropagateAtLaunch") ?? false));
        }
    }

    private void DeleteTags(QueryRequest request, XmlOut xml)
    {
        foreach (var tag in request.Structs("Tags"))
        {
            var group = Group(tag, "ResourceId");
            group.Tags.RemoveAll(t => t.Key == tag.Required("Key"));
        }
    }
}
