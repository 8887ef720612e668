using System.Xml.Linq;
using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.AutoScaling;

/// <summary>Reads the Auto Scaling 2011-01-01 shapes (AutoScalingGroup, Instance, Activity, ...) into port records.</summary>
internal static class AutoScalingXml
{
    public static AutoScalingGroup Group(XElement group) => new(
        group.Required("AutoScalingGroupName"),
        group.Int("MinSize") ?? 0,
        group.Int("MaxSize") ?? 0,
        group.Int("DesiredCapacity") ?? 0,
        LaunchSourceOf(group) ?? LaunchSourceOf(group.Element("MixedInstancesPolicy")?.Element("LaunchTemplate"), "LaunchTemplateSpecification"),
        group.Members("Instances").Select(Instance).ToList(),
        group.Strings("LoadBalancerNames"),
        group.Strings("TargetGroupARNs"),
        group.Members("SuspendedProcesses").Select(p => p.Required("ProcessName")).ToList(),
        group.Strings("TerminationPolicies"),
        group.Members("Tags").GroupBy(t => t.Required("Key")).ToDictionary(t => t.Key, t => t.Last().Text("Value") ?? string.Empty),
        group.Text("HealthCheckType") ?? "EC2",
        group.Int("HealthCheckGracePeriod") ?? 0,
        group.Strings("AvailabilityZones"))
    {
        SuspensionReasons = group.Members("SuspendedProcesses").ToDictionary(p => p.Required("ProcessName"), p => p.Text("SuspensionReason") ?? string.Empty),
    };

    /// <summary>Reads an <c>Instance</c> of a group or an <c>AutoScalingInstanceDetails</c>.</summary>
    public static GroupInstance Instance(XElement instance) => new(
        instance.Required("InstanceId"),
        instance.Required("LifecycleState"),
        instance.Required("HealthStatus"),
        instance.Required("AvailabilityZone"),
        LaunchSourceOf(instance),
        instance.Text("InstanceType"));

    public static ScalingActivity Activity(XElement activity) => new(
        activity.Required("ActivityId"),
        activity.Required("Description"),
        activity.Required("Cause"),
        activity.Required("StatusCode"),
        activity.Text("StatusMessage"),
        activity.Time("StartTime") ?? DateTimeOffset.MinValue,
        activity.Time("EndTime"));

    public static InstanceRefresh Refresh(XElement refresh) => new(
        refresh.Required("InstanceRefreshId"),
        refresh.Required("AutoScalingGroupName"),
        refresh.Required("Status"),
        refresh.Text("StatusReason"),
        refresh.Int("PercentageComplete"),
        refresh.Int("InstancesToUpdate"),
        refresh.Time("StartTime"),
        refresh.Time("EndTime"));

    public static LaunchConfiguration LaunchConfiguration(XElement configuration) => new(
        configuration.Required("LaunchConfigurationName"),
        configuration.Required("ImageId"),
        configuration.Required("InstanceType"))
    {
        CreatedTime = configuration.Time("CreatedTime"),
        KeyName = Empty(configuration.Text("KeyName")),
        SecurityGroups = configuration.Strings("SecurityGroups"),
        UserDataBase64 = Empty(configuration.Text("UserData")),
        IamInstanceProfile = configuration.Text("IamInstanceProfile"),
        BlockDevices = [.. configuration.Members("BlockDeviceMappings").Select(BlockDevice)],
        InstanceMonitoring = configuration.Element("InstanceMonitoring").Bool("Enabled"),
        SpotPrice = configuration.Text("SpotPrice"),
        EbsOptimized = configuration.Bool("EbsOptimized"),
        AssociatePublicIpAddress = configuration.Bool("AssociatePublicIpAddress"),
        PlacementTenancy = configuration.Text("PlacementTenancy"),
        MetadataOptions = configuration.Element("MetadataOptions") is { } metadata
            ? new MetadataOptions(metadata.Text("HttpTokens"), metadata.Int("HttpPutResponseHopLimit"), metadata.Text("HttpEndpoint"))
            : null,
        KernelId = Empty(configuration.Text("KernelId")),
        RamdiskId = Empty(configuration.Text("RamdiskId")),
        ClassicLinkVpcId = configuration.Text("ClassicLinkVPCId"),
        ClassicLinkVpcSecurityGroups = configuration.Strings("ClassicLinkVPCSecurityGroups"),
    };

    private static BlockDevice BlockDevice(XElement mapping) => new(
        mapping.Required("DeviceName"),
        mapping.Text("VirtualName"),
        mapping.Bool("NoDevice"),
        mapping.Element("Ebs") is { } ebs
            ? new EbsVolume(ebs.Text("SnapshotId"), ebs.Int("VolumeSize"), ebs.Text("VolumeType"), ebs.Bool("DeleteOnTermination"), ebs.Int("Iops"), ebs.Int("Throughput"), ebs.Bool("Encrypted"))
            : null);

    // AWS answers KernelId, RamdiskId, KeyName and UserData as empty elements when they are not set.
    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static LaunchSource? LaunchSourceOf(XElement? owner, string templateElement = "LaunchTemplate")
    {
        if (owner?.Element(templateElement) is { } template)
        {
            return new LaunchSource(template.Text("LaunchTemplateId"), template.Text("LaunchTemplateName"), template.Text("Version"));
        }

        return owner.Text("LaunchConfigurationName") is { } configuration ? Ports.LaunchSource.Configuration(configuration) : null;
    }
}
