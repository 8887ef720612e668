using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>instance_settings</c>: how the builder instance is launched.</summary>
internal static partial class InstanceSettingsSection
{
    private const string Path = "instance_settings";

    public static InstanceSettings? Read(RootEntries root, Diagnostics d)
    {
        if (root[Path] is not { } node)
        {
            d.Error(root.RootMark, Path, "missing (at least ami: the base AMI of the builder instance)");
            return null;
        }

        if (Nodes.Mapping(node, Path, d) is not { } mapping)
        {
            return null;
        }

        var keys = Keys.Check(mapping, Path, KnownKeys.InstanceSettings, KnownKeys.FabulAwsOnlyInstanceSettings, d);
        string? ami = null;
        if (keys.TryGetValue("ami", out var amiEntry))
        {
            ami = Names.Matching(amiEntry.Value, amiEntry.Path, d, AmiPattern(), "should be an AMI id such as ami-0123456789abcdef0");
        }
        else
        {
            d.Error(mapping, $"{Path}/ami", "missing (the base AMI the builder instance starts from)");
        }

        var keyPrefix = Optional(keys, "key_prefix", d);
        var keyName = Optional(keys, "key_name", d);
        return ami is null ? null : new InstanceSettings(ami, keyPrefix, keyName);
    }

    private static string? Optional(Dictionary<string, Entry> keys, string key, Diagnostics d) =>
        keys.TryGetValue(key, out var entry) ? Nodes.String(entry.Value, entry.Path, d) : null;

    [GeneratedRegex(@"^ami-[0-9a-f]{8,17}$")]
    private static partial Regex AmiPattern();
}
