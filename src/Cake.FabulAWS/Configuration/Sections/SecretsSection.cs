using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>password_names</c>: the secrets pushed to the instances, one file each in the deploy user's home.</summary>
internal static partial class SecretsSection
{
    public static IReadOnlyList<string> Read(RootEntries root, Diagnostics d)
    {
        if (root["password_names"] is not { } node || Nodes.IsNull(node) || Nodes.StringList(node, "password_names", d) is not { } items)
        {
            return [];
        }

        foreach (var item in items.Where(item => !SecretNamePattern().IsMatch(item.Value)))
        {
            d.Error(item.Node, item.Path, $"'{item.Value}' should contain only letters, digits and '_' (it becomes a file name on the instances)");
        }

        return items.Select(item => item.Value).Where(name => SecretNamePattern().IsMatch(name)).ToList();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretNamePattern();
}
