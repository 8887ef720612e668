using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>Writes EC2 shapes (locationName element names, lists of item).</summary>
internal static class Ec2Xml
{
    public static void Instance(XmlOut x, Ec2Instance i)
    {
        var running = i.State is "pending" or "running";
        x.Leaf("instanceId", i.Id).Leaf("imageId", i.ImageId)
            .Element("instanceState", y => y.Leaf("code", i.StateCode).Leaf("name", i.State))
            .Leaf("privateDnsName", running ? i.Address : string.Empty).Leaf("dnsName", running ? i.Address : string.Empty)
            .Leaf("reason", i.StateReason ?? string.Empty).Leaf("keyName", i.KeyName).Leaf("amiLaunchIndex", i.LaunchIndex)
            .List("productCodes", Array.Empty<string>(), (_, _) => { })
            .Leaf("instanceType", i.InstanceType).Leaf("launchTime", i.LaunchTime)
            .Element("placement", y => y.Leaf("availabilityZone", i.AvailabilityZone).Leaf("tenancy", "default"))
            .Element("monitoring", y => y.Leaf("state", "disabled"))
            .Leaf("subnetId", i.SubnetId)
            .Leaf("privateIpAddress", running ? i.Address : null).Leaf("ipAddress", running ? i.Address : null)
            .List("groupSet", i.SecurityGroups, (y, g) => y.Leaf("groupId", g).Leaf("groupName", g))
            .Leaf("architecture", "x86_64").Leaf("rootDeviceType", "ebs").Leaf("rootDeviceName", "/dev/xvda")
            .List("blockDeviceMapping", i.RootVolume is { } v ? [v] : Array.Empty<RootVolume>(), (y, v) => y.Leaf("deviceName", "/dev/xvda")
                .Element("ebs", z => z.Leaf("volumeId", v.VolumeId).Leaf("status", i.State == "terminated" ? "detached" : "attached").Leaf("attachTime", i.LaunchTime).Leaf("deleteOnTermination", v.DeleteOnTermination)))
            .Leaf("virtualizationType", "hvm").Leaf("hypervisor", "xen");
        if (i.StateReason is { } reason && !running)
        {
            var parts = reason.Split(": ", 2);
            x.Element("stateReason", y => y.Leaf("code", parts[0]).Leaf("message", parts.Length > 1 ? parts[1] : reason));
        }

        x.TagSet(i.Tags);
    }

    public static void Image(XmlOut x, Image i, string owner) =>
        x.Leaf("imageId", i.Id).Leaf("imageLocation", $"{owner}/{i.Name}").Leaf("imageState", i.State).Leaf("imageOwnerId", owner)
            .Leaf("creationDate", i.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture))
            .Leaf("isPublic", false).Leaf("architecture", "x86_64").Leaf("imageType", "machine").Leaf("name", i.Name).Leaf("description", i.Description)
            .Leaf("rootDeviceType", "ebs").Leaf("rootDeviceName", i.RootDeviceName).Leaf("virtualizationType", "hvm").Leaf("hypervisor", "xen")
            .List("blockDeviceMapping", i.BlockDeviceMappings, (y, b) => y.Leaf("deviceName", b.DeviceName).Element("ebs", z => z.Leaf("deleteOnTermination", b.DeleteOnTermination)
                .Leaf("snapshotId", b.SnapshotId).Leaf("volumeSize", b.VolumeSize).Leaf("volumeType", b.VolumeType).Leaf("encrypted", b.Encrypted)))
            .TagSet(i.Tags);

    public static void Snapshot(XmlOut x, Snapshot s, string owner) =>
        x.Leaf("snapshotId", s.Id).Leaf("volumeId", s.VolumeId).Leaf("status", s.State).Leaf("startTime", s.Started)
            .Leaf("progress", s.State == "completed" ? "100%" : "0%").Leaf("ownerId", owner).Leaf("volumeSize", s.VolumeSize)
            .Leaf("description", s.Description).Leaf("encrypted", s.Encrypted).Leaf("storageTier", "standard").TagSet(s.Tags);

    public static void Template(XmlOut x, LaunchTemplate t) =>
        x.Leaf("launchTemplateId", t.Id).Leaf("launchTemplateName", t.Name).Leaf("createTime", t.Created).Leaf("createdBy", "arn:aws:iam::localaws:user/localaws")
            .Leaf("defaultVersionNumber", t.DefaultVersion).Leaf("latestVersionNumber", t.LatestVersion).TagSet(t.Tags);

    public static void TemplateVersion(XmlOut x, LaunchTemplate t, LaunchTemplateVersion v) =>
        x.Leaf("launchTemplateId", t.Id).Leaf("launchTemplateName", t.Name).Leaf("versionNumber", v.Number).Leaf("versionDescription", v.Description)
            .Leaf("createTime", v.Created).Leaf("createdBy", "arn:aws:iam::localaws:user/localaws").Leaf("defaultVersion", v.Number == t.DefaultVersion)
            .Element("launchTemplateData", y => LaunchTemplateData.Write(y, v.Data));
}
