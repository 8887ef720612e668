using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>EC2 (2016-11-15, EC2 protocol): instances, images, snapshots, tags, launch templates, regions and zones.</summary>
internal sealed partial class Ec2Api : ServiceApi
{
    public Ec2Api(Cloud cloud)
        : base(cloud)
    {
        Actions = new Dictionary<string, Action<QueryRequest, XmlOut>>(StringComparer.Ordinal)
        {
            ["RunInstances"] = RunInstances,
            ["DescribeInstances"] = DescribeInstances,
            ["TerminateInstances"] = TerminateInstances,
            ["GetConsoleOutput"] = GetConsoleOutput,
            ["CreateImage"] = CreateImage,
            ["DescribeImages"] = DescribeImages,
            ["DeregisterImage"] = DeregisterImage,
            ["DescribeSnapshots"] = DescribeSnapshots,
            ["DeleteSnapshot"] = DeleteSnapshot,
            ["CreateTags"] = (r, x) => Tags(r, x, add: true),
            ["DeleteTags"] = (r, x) => Tags(r, x, add: false),
            ["CreateLaunchTemplate"] = CreateLaunchTemplate,
            ["CreateLaunchTemplateVersion"] = CreateLaunchTemplateVersion,
            ["DescribeLaunchTemplates"] = DescribeLaunchTemplates,
            ["DescribeLaunchTemplateVersions"] = DescribeLaunchTemplateVersions,
            ["ModifyLaunchTemplate"] = ModifyLaunchTemplate,
            ["DeleteLaunchTemplate"] = DeleteLaunchTemplate,
            ["DeleteLaunchTemplateVersions"] = DeleteLaunchTemplateVersions,
            ["DescribeRegions"] = (_, x) => x.List("regionInfo", [Cloud.Options.Region], (y, r) => y.Leaf("regionName", r).Leaf("regionEndpoint", $"ec2.{r}.amazonaws.com").Leaf("optInStatus", "opt-in-not-required")),
            ["DescribeAvailabilityZones"] = (_, x) => x.List("availabilityZoneInfo", Enumerable.Range(0, 3).Select(Cloud.Zone), (y, z) => y.Leaf("zoneName", z).Leaf("zoneState", "available").Leaf("regionName", Cloud.Options.Region).Leaf("zoneId", "use1-az" + z[^1]).Leaf("zoneType", "availability-zone")),
        };
    }

    public override string Name => "ec2";

    public override string ApiVersion => "2016-11-15";

    public override string XmlNamespace => "http://ec2.amazonaws.com/doc/2016-11-15/";

    protected override IReadOnlyDictionary<string, Action<QueryRequest, XmlOut>> Actions { get; }

    private void Tags(QueryRequest request, XmlOut xml, bool add)
    {
        var ids = request.Strings("ResourceId");
        if (ids.Count == 0)
        {
            throw request.Missing("ResourceId");
        }

        var tags = request.Structs("Tag").Select(t => (Key: t.Required("Key"), Value: t.Get("Value"))).ToList();
        foreach (var id in ids)
        {
            var target = TagsOf(id);
            foreach (var (key, value) in tags)
            {
                if (add)
                {
                    target[key] = value ?? string.Empty;
                }
                else if (value is null || target.GetValueOrDefault(key) == value)
                {
                    target.Remove(key);
                }
            }
        }

        xml.Leaf("return", true);
    }

    private Dictionary<string, string> TagsOf(string id) =>
        Cloud.State.Instances.TryGetValue(id, out var i) ? i.Tags
        : Cloud.State.Images.TryGetValue(id, out var image) ? image.Tags
        : Cloud.State.LaunchTemplates.TryGetValue(id, out var t) ? t.Tags
        : Cloud.State.Snapshots.TryGetValue(id, out var snapshot) ? snapshot.Tags
        : throw new AwsException(id.StartsWith("ami-", StringComparison.Ordinal) ? "InvalidAMIID.NotFound" : id.StartsWith("snap-", StringComparison.Ordinal) ? "InvalidSnapshot.NotFound" : "InvalidID", $"The ID '{id}' is not valid");

    /// <summary>Reads Filter.N.Name / Filter.N.Value.M, refusing names LocalAws does not support.</summary>
    private static List<(string Name, IReadOnlyList<string> Values)> Filters(QueryRequest request, params string[] supported)
    {
        var filters = request.Structs("Filter").Select(f => (Name: f.Required("Name"), Values: f.Strings("Value"))).ToList();
        if (filters.FirstOrDefault(f => !supported.Contains(f.Name) && !f.Name.StartsWith("tag:", StringComparison.Ordinal) && f.Name is not ("tag-key" or "tag-value")) is { Name: not null } bad)
        {
            throw BadFilter(bad.Name);
        }

        return filters;
    }

    /// <summary>Matches EC2 filter values, where * and ? are wildcards.</summary>
    private static bool Like(IReadOnlyList<string> patterns, string? value) => value is not null && patterns.Any(p =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"));

    private static bool TagFilter(Dictionary<string, string> tags, string name, IReadOnlyList<string> values) => name switch
    {
        "tag-key" => tags.Keys.Any(k => Like(values, k)),
        "tag-value" => tags.Values.Any(v => Like(values, v)),
        _ => tags.TryGetValue(name[4..], out var v) && Like(values, v),
    };

    private static AwsException BadFilter(string name) => new("InvalidParameterValue", $"The filter '{name}' is invalid (LocalAws does not support it).");
}
