using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Yaml;

/// <summary>Parses the text into YamlDotNet's representation model, which keeps the position of every node.</summary>
internal static partial class YamlDocumentReader
{
    /// <summary>Returns the root mapping, or <c>null</c> after reporting why there is none (syntax error, empty file, ...).</summary>
    public static YamlMappingNode? ReadRoot(string text, Diagnostics d)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            d.Error(exception.Start, string.Empty, $"YAML syntax error: {Describe(exception)}");
            return null;
        }

        if (stream.Documents.Count == 0 || Nodes.IsNull(stream.Documents[0].RootNode))
        {
            d.Error(Mark.Empty, string.Empty, "the file is empty; start from fabulaws-config.example.yml");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            d.Error(stream.Documents[1].RootNode, string.Empty, "only one YAML document is expected (remove the second '---')");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        d.Error(root, string.Empty, $"the file should be a mapping of keys such as deployments: and environments:, not {Nodes.Describe(root)}");
        return null;
    }

    private static string Describe(YamlException exception)
    {
        var message = PositionPrefix().Replace(exception.Message, string.Empty);
        if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            return $"the key '{message["Duplicate key ".Length..]}' appears twice in the same mapping";
        }

        var inner = exception.InnerException is { } cause && cause is not YamlException ? $" ({cause.Message})" : string.Empty;
        return message + inner;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
