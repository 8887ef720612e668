using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Yaml;

/// <summary>Checks the keys of a mapping with a fixed set of keys: unknown keys are errors, FabulAWS-only keys warnings.</summary>
internal static class Keys
{
    public const string IgnoredFabulAwsKey = "FabulAWS setting that Cake.FabulAWS does not use; ignored";

    /// <summary>Returns the allowed keys that are present; reports every other key.</summary>
    public static Dictionary<string, Entry> Check(
        YamlMappingNode mapping,
        string path,
        IReadOnlyList<string> allowed,
        IReadOnlyCollection<string> fabulAwsOnly,
        Diagnostics d)
    {
        var present = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var entry in Nodes.Entries(mapping, path, d))
        {
            if (allowed.Contains(entry.Key))
            {
                present[entry.Key] = entry;
            }
            else if (fabulAwsOnly.Contains(entry.Key))
            {
                d.Warning(entry.KeyNode, entry.Path, IgnoredFabulAwsKey);
            }
            else
            {
                d.Error(entry.KeyNode, entry.Path, Suggestions.WithHint("unknown key", entry.Key, allowed));
            }
        }

        return present;
    }
}
