using LocalAws.Hosts;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Images: a copy of the builder instance's directory, with an EBS snapshot of its root volume.</content>
internal sealed partial class Ec2Api
{
    /// <summary>NoReboot is accepted; LocalAws never reboots the builder (its files are copied as they are).</summary>
    private void CreateImage(QueryRequest request, XmlOut xml)
    {
        var instanceId = request.Required("InstanceId");
        var name = request.Required("Name");
        var instance = Cloud.State.Instances.TryGetValue(instanceId, out var i) && i.State != "terminated"
            ? i : throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{instanceId}' does not exist");
        var root = request.Structs("BlockDeviceMapping").FirstOrDefault(b => b.Get("DeviceName") == "/dev/xvda")?.Sub("Ebs");
        var volume = instance.RootVolume ?? new RootVolume(Cloud.State.NewId("vol"), 8, "gp3", true, false);
        volume = volume with
        {
            Size = root?.Int("VolumeSize") ?? volume.Size,
            VolumeType = root?.Get("VolumeType") ?? volume.VolumeType,
            DeleteOnTermination = root?.Bool("DeleteOnTermination") ?? volume.DeleteOnTermination,
        };
        var image = AddImage(name, instance.HomeDirectory, volume, instanceId);
        image.Description = request.Get("Description");
        image.SourceInstanceId = instanceId;
        foreach (var spec in request.Structs("TagSpecification"))
        {
            var tags = spec.Get("ResourceType") switch
            {
                null or "image" => image.Tags,
                "snapshot" => Cloud.State.Snapshots[image.BlockDeviceMappings[0].SnapshotId].Tags,
                var other => throw new AwsException("InvalidParameterValue", $"'{other}' is not a valid taggable resource type for this operation."),
            };
            foreach (var tag in spec.Structs("Tag"))
            {
                tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
            }
        }

        xml.Leaf("imageId", image.Id);
    }

    /// <summary>Registers an image whose files are a copy of <paramref name="sourceDirectory"/>, with a snapshot of the root volume (available after ImageBuildTime).</summary>
    internal Image AddImage(string name, string? sourceDirectory, RootVolume? root = null, string? builderId = null, string? imageId = null)
    {
        if (Cloud.State.Images.Values.FirstOrDefault(x => x.Name == name && x.State != "deregistered") is { } existing)
        {
            throw new AwsException("InvalidAMIName.Duplicate", $"AMI name {name} is already in use by AMI {existing.Id}");
        }

        if (imageId is not null && (!System.Text.RegularExpressions.Regex.IsMatch(imageId, "^ami-[0-9a-f]{8,17}$") || Cloud.State.Images.ContainsKey(imageId)))
        {
            throw new AwsException("InvalidAMIID.Malformed", $"The image id '{imageId}' is not a free AMI id of the form ami-0123456789abcdef0.");
        }

        var id = imageId ?? Cloud.State.NewId("ami");
        var directory = string.Empty;
        if (Cloud.Hosts is { } hosts)
        {
            directory = Path.Combine(hosts.DataDirectory, "images", id);
            DirectoryCopy.Copy(sourceDirectory ?? string.Empty, directory);
        }

        var image = new Image(id, name, directory, Now) { AvailableAt = Now + Cloud.Options.ImageBuildTime };
        root ??= new RootVolume(Cloud.State.NewId("vol"), 8, "gp3", true, false);
        var snapshot = new Snapshot(Cloud.State.NewId("snap"), root.VolumeId, root.Size, Now)
        {
            Description = builderId is null ? $"Root volume of {name}" : $"Created by CreateImage({builderId}) for {id}",
            Encrypted = root.Encrypted,
        };
        Cloud.State.Snapshots.Add(snapshot.Id, snapshot);
        image.BlockDeviceMappings.Add(new ImageBlockDevice(image.RootDeviceName, snapshot.Id, root.Size, root.VolumeType, root.DeleteOnTermination, root.Encrypted));
        Cloud.State.Images.Add(id, image);
        Cloud.Wake();
        return image;
    }

    private void DescribeImages(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("ImageId");
        if (ids.FirstOrDefault(id => !Cloud.State.Images.TryGetValue(id, out var image) || image.State == "deregistered") is { } missing)
        {
            throw new AwsException("InvalidAMIID.NotFound", $"The image id '[{missing}]' does not exist");
        }

        var filters = Filters(request, "name", "image-id", "state", "block-device-mapping.snapshot-id");
        var images = Cloud.State.Images.Values
            .Where(i => i.State != "deregistered" && (ids.Count == 0 || ids.Contains(i.Id)))
            .Where(i => filters.All(f => ImageFilter(i, f.Name, f.Values)))
            .OrderBy(i => i.Created).ToList();
        var (page, next) = Paging.Page(images, request.Get("NextToken"), request.Int("MaxResults"), 1000, 1000, "InvalidParameterValue");
        xml.List("imagesSet", page, (x, i) => Ec2Xml.Image(x, i, Cloud.State.AccountId)).Leaf("nextToken", next);
    }

    private static bool ImageFilter(Image i, string name, IReadOnlyList<string> values) => name switch
    {
        "name" => Like(values, i.Name),
        "image-id" => Like(values, i.Id),
        "state" => Like(values, i.State),
        "block-device-mapping.snapshot-id" => i.BlockDeviceMappings.Any(b => Like(values, b.SnapshotId)),
        _ when name.StartsWith("tag", StringComparison.Ordinal) => TagFilter(i.Tags, name, values),
        _ => throw BadFilter(name),
    };

    /// <summary>Deregisters the image; its snapshots stay (and can then be deleted), as in EC2.</summary>
    private void DeregisterImage(QueryRequest request, XmlOut xml)
    {
        var id = request.Required("ImageId");
        if (!Cloud.State.Images.TryGetValue(id, out var image) || image.State == "deregistered")
        {
            throw new AwsException("InvalidAMIID.NotFound", $"The image id '[{id}]' does not exist");
        }

        image.State = "deregistered";
        xml.Leaf("return", true);
    }
}
