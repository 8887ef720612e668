using System.Globalization;
using Amazon.EC2.Model;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.Ec2;

/// <summary>Maps AWSSDK.EC2 model types onto port records, and port tags onto EC2 filters and tag specifications.</summary>
internal static class Ec2Mapping
{
    public static Ec2Instance Instance(Instance instance) => new Ec2Instance(
        instance.InstanceId,
        instance.State?.Name?.Value ?? "unknown",
        instance.PrivateIpAddress,
        instance.PublicIpAddress,
        NullIfEmpty(instance.PrivateDnsName),
        NullIfEmpty(instance.PublicDnsName),
        instance.ImageId,
        instance.LaunchTime is { } launched ? new DateTimeOffset(DateTime.SpecifyKind(launched, DateTimeKind.Utc)) : null,
        TagMap(instance.Tags))
    {
        AvailabilityZone = NullIfEmpty(instance.Placement?.AvailabilityZone),
    };

    public static MachineImage Image(Image image) => new(
        image.ImageId,
        image.Name ?? string.Empty,
        image.State?.Value ?? "unknown",
        DateTimeOffset.TryParse(image.CreationDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        TagMap(image.Tags))
    {
        SnapshotIds = [.. (image.BlockDeviceMappings ?? []).Select(m => m.Ebs?.SnapshotId).OfType<string>().Where(id => id.Length > 0).Distinct()],
        StateReason = image.StateReason?.Message,
    };

    public static Ports.LaunchTemplateVersion Version(Amazon.EC2.Model.LaunchTemplateVersion version) => new(
        version.LaunchTemplateId,
        version.LaunchTemplateName,
        version.VersionNumber ?? 0,
        version.DefaultVersion ?? false,
        version.LaunchTemplateData?.ImageId,
        version.LaunchTemplateData?.InstanceType?.Value,
        version.VersionDescription);

    public static IReadOnlyDictionary<string, string> TagMap(List<Tag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key).ToDictionary(t => t.Key, t => t.Last().Value ?? string.Empty);

    public static List<Filter> TagFilters(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(t => new Filter { Name = $"tag:{t.Key}", Values = [t.Value] }).ToList();

    public static List<TagSpecification>? TagSpecifications(string resourceType, IReadOnlyDictionary<string, string> tags) => tags.Count == 0
        ? null
        : [new TagSpecification { ResourceType = resourceType, Tags = Tags(tags) }];

    public static List<Tag> Tags(IReadOnlyDictionary<string, string> tags) => tags.Select(t => new Tag(t.Key, t.Value)).ToList();

    public static string? Base64(string? text) => text is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
