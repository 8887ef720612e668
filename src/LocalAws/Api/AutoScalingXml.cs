using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>Writes Auto Scaling shapes (member names as in the botocore model).</summary>
internal static class AutoScalingXml
{
    public static void Group(XmlOut x, AutoScalingGroup g, CloudState state)
    {
        x.Leaf("AutoScalingGroupName", g.Name).Leaf("AutoScalingGroupARN", g.Arn).Leaf("LaunchConfigurationName", g.LaunchConfigurationName);
        if (g.LaunchTemplate is { } t)
        {
            x.Element("LaunchTemplate", y => Template(y, t));
        }

        x.Leaf("MinSize", g.MinSize).Leaf("MaxSize", g.MaxSize).Leaf("DesiredCapacity", g.DesiredCapacity).Leaf("DefaultCooldown", g.DefaultCooldown)
            .Strings("AvailabilityZones", g.AvailabilityZones)
            .Strings("LoadBalancerNames", g.LoadBalancerNames)
            .Strings("TargetGroupARNs", g.TargetGroupArns)
            .Leaf("HealthCheckType", g.HealthCheckType).Leaf("HealthCheckGracePeriod", g.HealthCheckGracePeriod)
            .List("Instances", g.Members, (y, m) => Member(y, m))
            .Leaf("CreatedTime", g.Created)
            .List("SuspendedProcesses", g.SuspendedProcesses.OrderBy(p => p.Key, StringComparer.Ordinal), (y, p) => y.Leaf("ProcessName", p.Key).Leaf("SuspensionReason", p.Value))
            .Leaf("VPCZoneIdentifier", g.VpcZoneIdentifier)
            .List("EnabledMetrics", Array.Empty<string>(), (_, _) => { })
            .List("Tags", g.Tags, (y, t) => y.Leaf("ResourceId", g.Name).Leaf("ResourceType", "auto-scaling-group").Leaf("Key", t.Key).Leaf("Value", t.Value).Leaf("PropagateAtLaunch", t.PropagateAtLaunch))
            .Strings("TerminationPolicies", g.TerminationPolicies)
            .Leaf("NewInstancesProtectedFromScaleIn", false)
            .Leaf("ServiceLinkedRoleARN", $"arn:aws:iam::{state.AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
    }

    public static void Instance(XmlOut x, GroupMember m, string groupName)
    {
        x.Leaf("InstanceId", m.InstanceId).Leaf("InstanceType", m.InstanceType).Leaf("AutoScalingGroupName", groupName);
        Common(x, m);
    }

    public static void Activity(XmlOut x, Activity a, AutoScalingGroup? group) =>
        x.Leaf("ActivityId", a.Id).Leaf("AutoScalingGroupName", a.GroupName).Leaf("Description", a.Description).Leaf("Cause", a.Cause)
            .Leaf("StartTime", a.Start).Leaf("EndTime", a.End).Leaf("StatusCode", a.Status).Leaf("StatusMessage", a.StatusMessage)
            .Leaf("Progress", a.Progress).Leaf("Details", a.Details).Leaf("AutoScalingGroupARN", group?.Arn);

    /// <summary>Writes a launch configuration: every field as created, and AWS's defaults for the ones never given.</summary>
    public static void LaunchConfiguration(XmlOut x, LaunchConfiguration c)
    {
        x.Leaf("LaunchConfigurationName", c.Name).Leaf("LaunchConfigurationARN", c.Arn).Leaf("CreatedTime", c.Created);
        var given = c.Data.Fields.Keys.Select(FlatFields.Top).ToHashSet(StringComparer.Ordinal);
        void Default(string name, Action<XmlOut> write)
        {
            if (!given.Contains(name))
            {
                write(x);
            }
        }

        Default("KernelId", y => y.Leaf("KernelId", string.Empty));
        Default("RamdiskId", y => y.Leaf("RamdiskId", string.Empty));
        Default("UserData", y => y.Leaf("UserData", string.Empty));
        Default("SecurityGroups", y => y.Strings("SecurityGroups", []));
        Default("ClassicLinkVPCSecurityGroups", y => y.Strings("ClassicLinkVPCSecurityGroups", []));
        Default("BlockDeviceMappings", y => y.Strings("BlockDeviceMappings", []));
        Default("InstanceMonitoring", y => y.Element("InstanceMonitoring", z => z.Leaf("Enabled", true)));
        Default("EbsOptimized", y => y.Leaf("EbsOptimized", false));
        FlatFields.Parse(c.Data.Fields, query: true).Write(x, (_, member, _) => member);
    }

    /// <summary>Writes an instance refresh: progress, the preferences in effect, the desired configuration, the rollback.</summary>
    public static void Refresh(XmlOut x, InstanceRefresh r)
    {
        x.Leaf("InstanceRefreshId", r.Id).Leaf("AutoScalingGroupName", r.GroupName).Leaf("Status", r.Status).Leaf("StatusReason", r.StatusReason)
            .Leaf("StartTime", r.Start).Leaf("EndTime", r.End).Leaf("PercentageComplete", r.PercentageComplete).Leaf("InstancesToUpdate", r.InstancesToUpdate)
            .Element("ProgressDetails", y => y.Element("LivePoolProgress", z => z.Leaf("PercentageComplete", r.PercentageComplete).Leaf("InstancesToUpdate", r.InstancesToUpdate)))
            .Element("Preferences", y => y.Leaf("MinHealthyPercentage", r.MinHealthyPercentage).Leaf("MaxHealthyPercentage", r.MaxHealthyPercentage)
                .Leaf("InstanceWarmup", r.InstanceWarmup).Leaf("SkipMatching", r.SkipMatching).Leaf("AutoRollback", r.AutoRollback)
                .Leaf("ScaleInProtectedInstances", r.ScaleInProtectedInstances).Leaf("StandbyInstances", r.StandbyInstances))
            .Leaf("Strategy", "Rolling");
        if (r.DesiredTemplate is { } desired)
        {
            x.Element("DesiredConfiguration", y => y.Element("LaunchTemplate", z => Template(z, desired)));
        }

        if (r.Rollback is { } rollback)
        {
            x.Element("RollbackDetails", y => y.Leaf("RollbackReason", rollback.Reason).Leaf("RollbackStartTime", rollback.Start)
                .Leaf("PercentageCompleteOnRollback", rollback.PercentageCompleteOnRollback).Leaf("InstancesToUpdateOnRollback", rollback.InstancesToUpdateOnRollback));
        }
    }

    private static void Member(XmlOut x, GroupMember m)
    {
        x.Leaf("InstanceId", m.InstanceId).Leaf("InstanceType", m.InstanceType);
        Common(x, m);
    }

    private static void Common(XmlOut x, GroupMember m)
    {
        x.Leaf("AvailabilityZone", m.AvailabilityZone).Leaf("LifecycleState", m.Lifecycle).Leaf("HealthStatus", m.Health)
            .Leaf("LaunchConfigurationName", m.LaunchConfigurationName);
        if (m.LaunchTemplate is { } t)
        {
            x.Element("LaunchTemplate", y => Template(y, t));
        }

        x.Leaf("ProtectedFromScaleIn", false);
    }

    private static void Template(XmlOut x, LaunchTemplateRef t) =>
        x.Leaf("LaunchTemplateId", t.Id).Leaf("LaunchTemplateName", t.Name).Leaf("Version", t.Version);
}
