using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>region</c>, <c>aws_profile</c>, <c>endpoint_urls</c>, <c>avail_zones</c>, <c>subnets</c> and <c>launch_type</c>.</summary>
internal sealed partial record AwsSection(
    string? Region,
    PerEnvironment<string?>? Profile,
    IReadOnlyDictionary<string, Uri> EndpointUrls,
    IReadOnlyList<string> AvailabilityZones,
    IReadOnlyDictionary<string, string> Subnets,
    LaunchType? LaunchType)
{
    public static AwsSection Read(RootEntries root, TopologySection topology, Diagnostics d)
    {
        string? region = null;
        if (root["region"] is { } regionNode)
        {
            region = Names.Matching(regionNode, "region", d, RegionPattern(), "is not an AWS region name such as us-east-1");
        }
        else
        {
            d.Error(root.RootMark, "region", "missing (the AWS region, e.g. us-east-1)");
        }

        var zones = ReadZones(root, d);
        var profile = root["aws_profile"] is { } profileNode
            ? PerEnvironment<string?>.ReadOptional(profileNode, "aws_profile", topology.EnvironmentScope, ProfileName, null, d)
            : PerEnvironment<string?>.Everywhere(null);
        return new AwsSection(region, profile, ReadEndpoints(root, topology, d), zones, ReadSubnets(root, zones, d), ReadLaunchType(root, d));
    }

    private static bool ProfileName(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d, out string? profile)
    {
        profile = Names.Matching(node, path, d, ProfilePattern(), "should be a profile name of ~/.aws/config (letters, digits, '-', '_', '.', '@', '+')");
        return profile is not null;
    }

    private static Dictionary<string, Uri> ReadEndpoints(RootEntries root, TopologySection topology, Diagnostics d)
    {
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (root["endpoint_urls"] is not { } node || Nodes.IsNull(node) || Nodes.Mapping(node, "endpoint_urls", d) is not { } mapping)
        {
            return urls;
        }

        var scope = topology.EnvironmentScope;
        foreach (var entry in Nodes.Entries(mapping, "endpoint_urls", d))
        {
            if (!scope.Contains(entry.Key))
            {
                d.Error(entry.KeyNode, entry.Path, $"{Suggestions.WithHint("unknown environment", entry.Key, scope.Names ?? [])}; {scope.Listing}");
            }
            else if (Nodes.String(entry.Value, entry.Path, d) is { } text)
            {
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    urls[entry.Key] = url;
                }
                else
                {
                    d.Error(entry.Value, entry.Path, $"'{text}' should be an http:// or https:// URL such as http://127.0.0.1:4566");
                }
            }
        }

        return urls;
    }

    private static List<string> ReadZones(RootEntries root, Diagnostics d)
    {
        if (root["avail_zones"] is not { } node || Nodes.StringList(node, "avail_zones", d) is not { } items)
        {
            return [];
        }

        foreach (var item in items.Where(item => !ZonePattern().IsMatch(item.Value)))
        {
            d.Error(item.Node, item.Path, $"'{item.Value}' should be a zone letter such as a (the region is put in front)");
        }

        return items.Select(item => item.Value).Where(zone => ZonePattern().IsMatch(zone)).ToList();
    }

    private static Dictionary<string, string> ReadSubnets(RootEntries root, List<string> zones, Diagnostics d)
    {
        var subnets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["subnets"] is not { } node || Nodes.IsNull(node) || Nodes.Mapping(node, "subnets", d) is not { } mapping)
        {
            return subnets;
        }

        foreach (var entry in Nodes.Entries(mapping, "subnets", d))
        {
            if (!zones.Contains(entry.Key) && !d.HasErrorOn("avail_zones"))
            {
                var listing = zones.Count == 0 ? "; list the zone letters in avail_zones" : $" ({string.Join(", ", zones)})";
                d.Error(entry.KeyNode, entry.Path, $"zone '{entry.Key}' is not in avail_zones{listing}");
            }
            else if (Names.Matching(entry.Value, entry.Path, d, SubnetPattern(), "should be a subnet id such as subnet-0123abcd") is { } subnet)
            {
                subnets[entry.Key] = subnet;
            }
        }

        return subnets;
    }

    private static LaunchType? ReadLaunchType(RootEntries root, Diagnostics d)
    {
        if (root.OptionalString("launch_type", "launch_template", d) is not { } text)
        {
            return null;
        }

        switch (text)
        {
            case "launch_template":
                return Configuration.LaunchType.LaunchTemplate;
            case "launch_configuration":
                return Configuration.LaunchType.LaunchConfiguration;
            default:
                var message = Suggestions.WithHint($"should be launch_template or launch_configuration, not '{text}'", text, KnownKeys.LaunchTypes);
                d.Error(root["launch_type"]!, "launch_type", message);
                return null;
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")]
    private static partial Regex ProfilePattern();

    [GeneratedRegex(@"^[a-z]$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex(@"^subnet-[0-9a-f]+$")]
    private static partial Regex SubnetPattern();
}
