using System.Text;
using System.Text.RegularExpressions;
using Cake.Core;
using Cake.FabulAWS.Remote;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Workflows.UpdateServerPasswords;

/// <summary>Reads secrets files: YAML (<c>name: value</c>) or FabulAWS's Python (<c>name = "value"</c>). Messages never quote values.</summary>
internal static partial class SecretsFileParser
{
    /// <summary>Parses a YAML mapping of names to scalar values.</summary>
    /// <param name="path">The file, for messages.</param>
    /// <param name="text">The content.</param>
    /// <returns>The secrets.</returns>
    public static IReadOnlyDictionary<string, Secret> Yaml(string path, string text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CakeException($"{path} line {e.Start.Line}: not valid YAML. Write one `name: value` per line.");
        }

        var secrets = new Dictionary<string, Secret>(StringComparer.Ordinal);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return secrets;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new CakeException($"{path}: expected a mapping of secret names to values (`name: value`).");
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            secrets[name] = value is YamlScalarNode { Value: { } scalar }
                ? new Secret(scalar)
                : throw new CakeException($"{path} line {value.Start.Line}: the value of '{name}' must be a single string.");
        }

        return secrets;
    }

    /// <summary>Parses FabulAWS's <c>fabsecrets_&lt;environment&gt;.py</c>: <c>name = "value"</c> or <c>name = 'value'</c> lines.</summary>
    /// <param name="text">The content.</param>
    /// <returns>The secrets.</returns>
    public static IReadOnlyDictionary<string, Secret> Python(string text)
    {
        var secrets = new Dictionary<string, Secret>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (Assignment().Match(line.TrimEnd('\r')) is { Success: true } m)
            {
                secrets[m.Groups["name"].Value] = new Secret(Unescape(m.Groups["value"].Value));
            }
        }

        return secrets;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is '\\' or '\'' or '"')
            {
                i++;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    [GeneratedRegex("""^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<q>["'])(?<value>(?:\\.|(?!\k<q>).)*)\k<q>\s*(#.*)?$""")]
    private static partial Regex Assignment();
}
