using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>The known top-level keys that are present, and where the document starts (for "missing" errors).</summary>
internal sealed class RootEntries(Dictionary<string, Entry> entries, Mark rootMark)
{
    public Mark RootMark { get; } = rootMark;

    public YamlNode? this[string key] => entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Reads a required string, reporting <c>missing (reason)</c> when the key is absent.</summary>
    public string? RequiredString(string key, string reason, Diagnostics d)
    {
        if (this[key] is { } node)
        {
            return Nodes.String(node, key, d);
        }

        d.Error(RootMark, key, $"missing ({reason})");
        return null;
    }

    /// <summary>Reads an optional string; <paramref name="fallback"/> when absent, <c>null</c> when unusable.</summary>
    public string? OptionalString(string key, string? fallback, Diagnostics d) =>
        this[key] is { } node ? Nodes.String(node, key, d) : fallback;

    public int? OptionalNumber(string key, int fallback, int min, int max, Diagnostics d) =>
        this[key] is { } node ? Nodes.WholeNumber(node, key, d, min, max) : fallback;
}
