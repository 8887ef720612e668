using LocalAws.Api;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>Creates EC2 instances from launch data (RunInstances, launch templates, launch configurations, groups).</summary>
internal static class Launcher
{
    public static Ec2Instance Launch(Cloud cloud, LaunchData data, string? zone, string reservationId, int index)
    {
        var imageId = data.ImageId ?? throw new AwsException("MissingParameter", "The request must contain the parameter ImageId");
        if (!cloud.State.Images.TryGetValue(imageId, out var image) || image.State == "deregistered")
        {
            throw new AwsException("InvalidAMIID.NotFound", $"The image id '[{imageId}]' does not exist");
        }

        if (image.State != "available")
        {
            throw new AwsException("InvalidAMIID.Unavailable", $"The image id '[{imageId}]' is not available yet (state {image.State}).");
        }

        var id = cloud.State.NewId("i");
        var instance = new Ec2Instance(id, imageId, data.InstanceType ?? "m1.small", cloud.Addresses.Next(), cloud.Now)
        {
            AvailabilityZone = zone ?? cloud.Zone(0),
            KeyName = data.KeyName,
            UserData = data.UserData,
            ReservationId = reservationId,
            LaunchIndex = index,
            NeverHealthy = cloud.Faults.TakeNeverHealthy(imageId),
            SshDown = cloud.Faults.TakeSshDown(),
            HomeDirectory = cloud.Hosts?.InstanceHome(id),
        };
        instance.RootVolume = RootVolumeOf(cloud, image, data);
        instance.SecurityGroups.AddRange(data.SecurityGroupIds);
        foreach (var (key, value) in data.InstanceTags)
        {
            instance.Tags[key] = value;
        }

        cloud.State.Instances.Add(id, instance);
        cloud.Wake();
        return instance;
    }

    /// <summary>What the group launches now, and the template version or configuration to record on the member.</summary>
    public static (LaunchData Data, LaunchTemplateRef? Template) Resolve(Cloud cloud, AutoScalingGroup group)
    {
        var refresh = InstanceRefresher.Active(cloud, group);
        var refreshing = refresh?.Status is "Pending" or "InProgress" ? refresh.DesiredTemplate : null; // a rollback launches from the group's restored configuration
        if (refreshing is null && group.LaunchConfigurationName is { } lcName)
        {
            return cloud.State.LaunchConfigurations.TryGetValue(lcName, out var lc)
                ? (lc.Data, null)
                : throw new AwsException("ValidationError", $"Launch configuration {lcName} not found.");
        }

        var spec = refreshing ?? group.LaunchTemplate ?? throw new AwsException("ValidationError", "The group has no launch template or launch configuration.");
        var template = cloud.State.LaunchTemplates.GetValueOrDefault(spec.Id) // by id: a new template with the old name is another template
            ?? throw new AwsException("ValidationError", $"The specified launch template, with template ID {spec.Id}, does not exist.");
        var version = template.Resolve(spec.Version)
            ?? throw new AwsException("ValidationError", $"The specified launch template version {spec.Version} of template ID {template.Id} does not exist.");
        return (version.Data, new LaunchTemplateRef(template.Id, template.Name, version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Starts terminating an instance in EC2 (shutting-down; terminated on the next tick).</summary>
    public static bool TerminateInstance(Cloud cloud, Ec2Instance instance, string reason)
    {
        if (instance.State is "shutting-down" or "terminated")
        {
            return false;
        }

        instance.State = "shutting-down";
        instance.StateReason = reason;
        instance.TerminatedAt = cloud.Now;
        cloud.Wake();
        return true;
    }

    /// <summary>A new root volume from the image's root snapshot, with the size, type and deletion the launch data asks for.</summary>
    private static RootVolume RootVolumeOf(Cloud cloud, Image image, LaunchData data)
    {
        var root = image.BlockDeviceMappings.Find(b => b.DeviceName == image.RootDeviceName);
        var asked = new QueryRequest(data.Fields, ec2: true).Structs("BlockDeviceMapping") // launch templates, RunInstances
            .Concat(new QueryRequest(data.Fields, ec2: false).Structs("BlockDeviceMappings")) // launch configurations
            .FirstOrDefault(b => b.Get("DeviceName") == image.RootDeviceName)?.Sub("Ebs");
        return new RootVolume(
            cloud.State.NewId("vol"),
            asked?.Int("VolumeSize") ?? root?.VolumeSize ?? 8,
            asked?.Get("VolumeType") ?? root?.VolumeType ?? "gp3",
            asked?.Bool("DeleteOnTermination") ?? root?.DeleteOnTermination ?? true,
            asked?.Bool("Encrypted") ?? root?.Encrypted ?? false);
    }
}
