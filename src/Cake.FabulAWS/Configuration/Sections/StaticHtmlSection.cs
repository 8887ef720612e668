using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>static_html</c> (local pages, relative to the configuration file) and <c>static_root</c> (where they go).</summary>
internal static partial class StaticHtmlSection
{
    /// <summary>FabulAWS put both pages in <c>{home}/services/nginx/html</c>; the same place in the deploy user's home.</summary>
    public const string DefaultStaticRoot = "~/services/nginx/html";

    private const string Path = "static_html";

    public static StaticHtmlFiles? Read(RootEntries root, string baseDirectory, bool checkFiles, Diagnostics d)
    {
        var remoteRoot = ReadStaticRoot(root, d);
        if (root[Path] is not { } node)
        {
            d.Error(root.RootMark, Path, "missing (upgrade_message and healthcheck_override: the pages shown while deploying)");
            return null;
        }

        if (Nodes.Mapping(node, Path, d) is not { } mapping)
        {
            return null;
        }

        var keys = Keys.Check(mapping, Path, KnownKeys.StaticHtml, KnownKeys.None, d);
        var upgrade = ReadFile(keys, mapping, "upgrade_message", "the page shown while deploying", baseDirectory, checkFiles, d);
        var healthcheck = ReadFile(keys, mapping, "healthcheck_override", "the page that keeps the health check passing while deploying", baseDirectory, checkFiles, d);
        return upgrade is null || healthcheck is null || remoteRoot is null ? null : new StaticHtmlFiles(upgrade, healthcheck, remoteRoot);
    }

    private static string? ReadFile(
        Dictionary<string, Entry> keys,
        YamlDotNet.RepresentationModel.YamlMappingNode mapping,
        string key,
        string what,
        string baseDirectory,
        bool checkFiles,
        Diagnostics d)
    {
        if (!keys.TryGetValue(key, out var entry))
        {
            d.Error(mapping, $"{Path}/{key}", $"missing ({what})");
            return null;
        }

        if (Nodes.String(entry.Value, entry.Path, d) is not { } relative)
        {
            return null;
        }

        var full = LocalPaths.Resolve(relative, baseDirectory);
        if (checkFiles && !File.Exists(full))
        {
            d.Error(entry.Value, entry.Path, $"file not found: {full}");
            return null;
        }

        return full;
    }

    private static string? ReadStaticRoot(RootEntries root, Diagnostics d) =>
        root["static_root"] is { } node ? Names.RemotePath(node, "static_root", d) : DefaultStaticRoot;

}
