using LocalAws.Hosts;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Images: a copy of the builder instance's directory.</content>
internal sealed partial class Ec2Api
{
    private void CreateImage(QueryRequest request, XmlOut xml)
    {
        var instanceId = request.Required("InstanceId");
        var name = request.Required("Name");
        var instance = Cloud.State.Instances.TryGetValue(instanceId, out var i) && i.State != "terminated"
            ? i : throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{instanceId}' does not exist");
        var image = AddImage(name, instance.HomeDirectory);
        image.Description = request.Get("Description");
        image.SourceInstanceId = instanceId;
        foreach (var spec in request.Structs("TagSpecification").Where(s => s.Get("ResourceType") is null or "image"))
        {
            foreach (var tag in spec.Structs("Tag"))
            {
                image.Tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
            }
        }

        xml.Leaf("imageId", image.Id);
    }

    /// <summary>Registers an image whose files are a copy of <paramref name="sourceDirectory"/> (available after ImageBuildTime).</summary>
    internal Image AddImage(string name, string? sourceDirectory)
    {
        if (Cloud.State.Images.Values.FirstOrDefault(x => x.Name == name && x.State != "deregistered") is { } existing)
        {
            throw new AwsException("InvalidAMIName.Duplicate", $"AMI name {name} is already in use by AMI {existing.Id}");
        }

        var id = Cloud.State.NewId("ami");
        var directory = string.Empty;
        if (Cloud.Hosts is { } hosts)
        {
            directory = Path.Combine(hosts.DataDirectory, "images", id);
            DirectoryCopy.Copy(sourceDirectory ?? string.Empty, directory);
        }

        var image = new Image(id, name, directory, Now) { AvailableAt = Now + Cloud.Options.ImageBuildTime };
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

        var filters = Filters(request, "name", "image-id", "state");
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
        _ when name.StartsWith("tag", StringComparison.Ordinal) => TagFilter(i.Tags, name, values),
        _ => throw BadFilter(name),
    };

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
