using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Yaml;

/// <summary>A key of a mapping with its nodes and full path.</summary>
internal readonly record struct Entry(string Key, YamlNode KeyNode, YamlNode Value, string Path);

/// <summary>A string value with the node it was read from.</summary>
internal sealed record Located(string Value, YamlNode Node, string Path);

/// <summary>Reads typed values from YAML nodes, reporting wrong types with their paths instead of throwing.</summary>
internal static class Nodes
{
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "/" + key;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull(node) => "empty",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "something else",
    };

    public static string? String(YamlNode node, string path, Diagnostics d)
    {
        switch (node)
        {
            case YamlScalarNode scalar when !IsNull(node) && !string.IsNullOrWhiteSpace(scalar.Value):
                return scalar.Value;
            case YamlScalarNode:
                d.Error(node, path, "has no value");
                return null;
            default:
                d.Error(node, path, $"should be a string, not {Describe(node)}");
                return null;
        }
    }

    public static YamlMappingNode? Mapping(YamlNode node, string path, Diagnostics d)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        d.Error(node, path, $"should be a mapping (key: value lines), not {Describe(node)}");
        return null;
    }

    public static YamlSequenceNode? Sequence(YamlNode node, string path, Diagnostics d)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        d.Error(node, path, $"should be a list, not {Describe(node)}");
        return null;
    }

    /// <summary>Reads a list of non-empty strings without duplicates; <c>null</c> when the node is not a list.</summary>
    public static List<Located>? StringList(YamlNode node, string path, Diagnostics d)
    {
        if (Sequence(node, path, d) is not { } sequence)
        {
            return null;
        }

        var items = new List<Located>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (String(sequence.Children[i], itemPath, d) is not { } value)
            {
                continue;
            }

            if (items.Exists(item => item.Value == value))
            {
                d.Error(sequence.Children[i], itemPath, $"'{value}' is listed twice");
                continue;
            }

            items.Add(new Located(value, sequence.Children[i], itemPath));
        }

        return items;
    }

    public static int? WholeNumber(YamlNode node, string path, Diagnostics d, int min, int max)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            d.Error(node, path, $"should be a whole number, not {Describe(node)}");
            return null;
        }

        if (!long.TryParse(scalar.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            d.Error(node, path, $"should be a whole number, not {Describe(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            d.Error(node, path, $"should be between {min} and {max}, not {value}");
            return null;
        }

        return (int)value;
    }

    /// <summary>Reads true or false (also yes/no, on/off, as YAML 1.1 readers do).</summary>
    public static bool? Boolean(YamlNode node, string path, Diagnostics d)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }

        d.Error(node, path, $"should be true or false, not {Describe(node)}");
        return null;
    }

    /// <summary>Lists the entries of a mapping whose keys are plain strings; reports any other key.</summary>
    public static IEnumerable<Entry> Entries(YamlMappingNode mapping, string path, Diagnostics d)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { Length: > 0 } key } && !IsNull(keyNode))
            {
                yield return new Entry(key, keyNode, value, Join(path, key));
            }
            else
            {
                d.Error(keyNode, path, $"keys should be plain names, not {Describe(keyNode)}");
            }
        }
    }
}
