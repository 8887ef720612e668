using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>
/// Launch template data as EC2 takes and gives it: every field kept as sent, a version made from a source version
/// keeps each top-level field the request does not name, and DescribeLaunchTemplateVersions writes them all back
/// with the response's element names (<c>BlockDeviceMapping</c> becomes <c>blockDeviceMappingSet</c>, ...).
/// </summary>
internal static class LaunchTemplateData
{
    /// <summary>Reads <c>LaunchTemplateData.*</c> over the source version's fields.</summary>
    /// <param name="data">The request's LaunchTemplateData structure.</param>
    /// <param name="source">The source version's data, or null.</param>
    /// <returns>The new version's data.</returns>
    public static LaunchData Parse(QueryRequest data, LaunchData? source)
    {
        var named = data.Values.Keys.Select(FlatFields.Top).ToHashSet(StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (source?.Fields ?? new Dictionary<string, string>()).Where(f => !named.Contains(FlatFields.Top(f.Key))))
        {
            fields[key] = value;
        }

        foreach (var (key, value) in data.Values)
        {
            fields[key] = value;
        }

        var d = new QueryRequest(fields, ec2: true);
        var groups = d.Strings("SecurityGroupId");
        return new LaunchData
        {
            Fields = fields,
            ImageId = d.Get("ImageId"),
            InstanceType = d.Get("InstanceType"),
            KeyName = d.Get("KeyName"),
            UserData = d.Get("UserData"),
            SecurityGroupIds = groups.Count > 0 ? groups : d.Structs("NetworkInterface").SelectMany(n => n.Strings("SecurityGroupId")).ToList(),
            InstanceTags = InstanceTags(d, new Dictionary<string, string>(StringComparer.Ordinal)),
        };
    }

    /// <summary>Adds the tags of the <c>TagSpecification</c>s for instances (no ResourceType means instance).</summary>
    /// <param name="d">The parameters holding TagSpecification.N.</param>
    /// <param name="tags">The tags so far.</param>
    /// <returns>The tags.</returns>
    public static Dictionary<string, string> InstanceTags(QueryRequest d, Dictionary<string, string> tags)
    {
        foreach (var spec in d.Structs("TagSpecification").Where(s => s.Get("ResourceType") is null or "instance"))
        {
            foreach (var tag in spec.Structs("Tag"))
            {
                tags[tag.Required("Key")] = tag.Get("Value") ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>Writes the fields inside <c>launchTemplateData</c>.</summary>
    /// <param name="xml">The output.</param>
    /// <param name="data">The version's data.</param>
    public static void Write(XmlOut xml, LaunchData data) => FlatFields.Parse(data.Fields, query: false).Write(xml, ElementName);

    /// <summary>The response element of a request member (locationName in ResponseLaunchTemplateData).</summary>
    private static string ElementName(string parent, string member, bool list) => (parent, member) switch
    {
        ("", "LicenseSpecification") => "licenseSet",
        ("NetworkInterface", "SecurityGroupId") => "groupSet",
        _ => char.ToLowerInvariant(member[0]) + member[1..] + (list ? "Set" : string.Empty),
    };
}
