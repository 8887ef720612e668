using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>code_root</c>, <c>code_source</c>, <c>bake_secrets</c> and <c>keep_releases</c>: how CreateLaunchConfig bakes an image.</summary>
internal static class BakeSection
{
    public static BakeSettings Read(RootEntries root, Diagnostics d)
    {
        var settings = new BakeSettings();
        if (root["code_root"] is { } codeRoot && Names.RemotePath(codeRoot, "code_root", d) is { } path)
        {
            settings = settings with { CodeRoot = path };
        }

        if (root["code_source"] is { } source && Nodes.String(source, "code_source", d) is { } text)
        {
            switch (text)
            {
                case "archive":
                    break;
                case "clone":
                    settings = settings with { CodeSource = CodeSource.Clone };
                    break;
                default:
                    d.Error(source, "code_source", Suggestions.WithHint($"should be archive or clone, not '{text}'", text, ["archive", "clone"]));
                    break;
            }
        }

        if (root["bake_secrets"] is { } bake && Nodes.Boolean(bake, "bake_secrets", d) is { } secrets)
        {
            settings = settings with { BakeSecrets = secrets };
        }

        if (root.OptionalNumber("keep_releases", settings.KeepReleases, 1, 100, d) is { } keep)
        {
            settings = settings with { KeepReleases = keep };
        }

        return settings;
    }
}
