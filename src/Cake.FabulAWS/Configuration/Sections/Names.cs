using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>Checks the shape of names and values that end up in tags, paths and remote commands.</summary>
internal static partial class Names
{
    public const string NameRule = "should contain only letters, digits, '-', '_' and '.'";

    public static bool IsName(string value) => NamePattern().IsMatch(value);

    /// <summary>Checks each item is a plain name (deployments, environments); returns the good ones.</summary>
    public static List<Located> RequireNames(IEnumerable<Located> items, Diagnostics d)
    {
        var good = new List<Located>();
        foreach (var item in items)
        {
            if (IsName(item.Value))
            {
                good.Add(item);
            }
            else
            {
                d.Error(item.Node, item.Path, $"'{item.Value}' {NameRule}");
            }
        }

        return good;
    }

    /// <summary>Reads a string that must match a pattern; reports <c>'value' {rule}</c> otherwise.</summary>
    public static string? Matching(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d, Regex pattern, string rule)
    {
        if (Nodes.String(node, path, d) is not { } value)
        {
            return null;
        }

        if (pattern.IsMatch(value))
        {
            return value;
        }

        d.Error(node, path, $"'{value}' {rule}");
        return null;
    }

    /// <summary>Reads a folder on the servers: absolute or under <c>~/</c>, and only characters that stay one shell word.</summary>
    public static string? RemotePath(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d)
    {
        if (Nodes.String(node, path, d) is not { } value)
        {
            return null;
        }

        if (!value.StartsWith('/') && !value.StartsWith("~/", StringComparison.Ordinal))
        {
            d.Error(node, path, $"'{value}' should be an absolute path or start with ~/");
            return null;
        }

        if (!SafePathPattern().IsMatch(value) || value.Contains("..", StringComparison.Ordinal))
        {
            d.Error(node, path, $"'{value}' should contain only letters, digits and . _ - / ~ (it is put into remote commands)");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._/~-]+$")]
    private static partial Regex SafePathPattern();
}
