using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary><c>serial</c>, <c>smoke_check</c> (per environment), <c>web_port</c> and <c>keep_previous</c>: how the deploys replace and check instances.</summary>
internal sealed record DeploySection(SerialSettings Serial, IReadOnlyDictionary<string, SmokeCheck> SmokeChecks, PerEnvironment<int>? WebPort, PerEnvironment<TimeSpan?>? KeepPrevious)
{
    private static readonly IReadOnlyList<string> Strategies = ["launch-first", "instance-refresh", "fabulaws"];

    public static DeploySection Read(RootEntries root, Scope environments, Diagnostics d) => new(
        ReadSerial(root, d),
        ReadSmokeChecks(root, environments, d),
        root["web_port"] is { } port ? PerEnvironment<int>.ReadOptional(port, "web_port", environments, Port, 80, d) : PerEnvironment<int>.Everywhere(80),
        root["keep_previous"] is { } keep ? PerEnvironment<TimeSpan?>.ReadOptional(keep, "keep_previous", environments, Duration, null, d) : PerEnvironment<TimeSpan?>.Everywhere(null));

    /// <summary>Parses a strategy name as written in the file or on the command line.</summary>
    public static SerialStrategy? Strategy(string text) => text switch
    {
        "launch-first" => SerialStrategy.LaunchFirst,
        "instance-refresh" => SerialStrategy.InstanceRefresh,
        "fabulaws" => SerialStrategy.FabulAws,
        _ => null,
    };

    /// <summary>The message for a strategy name that is not one.</summary>
    public static string StrategyProblem(string text) => Suggestions.WithHint($"should be launch-first, instance-refresh or fabulaws, not '{text}'", text, Strategies);

    private static SerialSettings ReadSerial(RootEntries root, Diagnostics d)
    {
        var serial = new SerialSettings();
        if (root["serial"] is not { } node || Nodes.Mapping(node, "serial", d) is not { } mapping)
        {
            return serial;
        }

        var keys = Keys.Check(mapping, "serial", KnownKeys.Serial, KnownKeys.None, d);
        if (keys.TryGetValue("strategy", out var strategy) && Nodes.String(strategy.Value, strategy.Path, d) is { } text)
        {
            if (Strategy(text) is { } parsed)
            {
                serial = serial with { Strategy = parsed };
            }
            else
            {
                d.Error(strategy.Value, strategy.Path, StrategyProblem(text));
            }
        }

        if (keys.TryGetValue("batch_size", out var batch) && Nodes.WholeNumber(batch.Value, batch.Path, d, 1, 1000) is { } size)
        {
            serial = serial with { BatchSize = size };
        }

        if (keys.TryGetValue("max_surge_percent", out var surge) && Nodes.WholeNumber(surge.Value, surge.Path, d, 1, 100) is { } percent)
        {
            serial = serial with { MaxSurgePercent = percent };
            if (keys.ContainsKey("batch_size"))
            {
                d.Error(surge.Value, surge.Path, "give batch_size or max_surge_percent, not both");
            }
        }

        return serial;
    }

    private static Dictionary<string, SmokeCheck> ReadSmokeChecks(RootEntries root, Scope environments, Diagnostics d)
    {
        var checks = new Dictionary<string, SmokeCheck>(StringComparer.Ordinal);
        if (root["smoke_check"] is not { } node || Nodes.Mapping(node, "smoke_check", d) is not { } mapping)
        {
            return checks;
        }

        foreach (var entry in Nodes.Entries(mapping, "smoke_check", d))
        {
            if (!environments.Contains(entry.Key))
            {
                d.Error(entry.KeyNode, entry.Path, $"{Suggestions.WithHint("unknown environment", entry.Key, environments.Names ?? [])}; {environments.Listing}");
            }
            else if (ReadSmokeCheck(entry.Value, entry.Path, d) is { } check)
            {
                checks[entry.Key] = check;
            }
        }

        return checks;
    }

    private static SmokeCheck? ReadSmokeCheck(YamlNode node, string path, Diagnostics d)
    {
        if (Nodes.Mapping(node, path, d) is not { } mapping)
        {
            return null;
        }

        var keys = Keys.Check(mapping, path, KnownKeys.SmokeCheck, KnownKeys.None, d);
        var checkPath = keys.TryGetValue("path", out var p) ? Nodes.String(p.Value, p.Path, d) : "/";
        if (checkPath is not null && !checkPath.StartsWith('/'))
        {
            d.Error(p!.Value, p.Path, $"'{checkPath}' should start with /");
            checkPath = null;
        }

        var status = keys.TryGetValue("status", out var s) ? Nodes.WholeNumber(s.Value, s.Path, d, 100, 599) : 200;
        var contains = keys.TryGetValue("contains", out var c) ? Nodes.String(c.Value, c.Path, d) : null;
        Uri? url = null;
        if (keys.TryGetValue("url", out var u) && Nodes.String(u.Value, u.Path, d) is { } text
            && !(Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
        {
            d.Error(u.Value, u.Path, $"'{text}' should be an http:// or https:// URL of the site");
            url = null;
        }

        return checkPath is null || status is null ? null : new SmokeCheck(checkPath, status.Value, contains, url);
    }

    /// <summary>A duration such as <c>30m</c>, <c>2h</c>, <c>90s</c> or <c>1d</c>, up to a week; <c>0</c> or <c>off</c> for none.</summary>
    private static bool Duration(YamlNode node, string path, Diagnostics d, out TimeSpan? duration)
    {
        duration = null;
        if (Nodes.String(node, path, d) is not { } text)
        {
            return false;
        }

        if (text is "0" or "off")
        {
            return true;
        }

        var unit = text.Length > 1 ? text[^1] : ' ';
        var seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (seconds == 0 || !int.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1 || (long)count * seconds > 7 * 86400)
        {
            d.Error(node, path, $"should be a duration up to a week such as 30m, 2h, 90s or 1d (or off), not '{text}'");
            return false;
        }

        duration = TimeSpan.FromSeconds((long)count * seconds);
        return true;
    }

    private static bool Port(YamlNode node, string path, Diagnostics d, out int port)
    {
        port = Nodes.WholeNumber(node, path, d, 1, 65535) ?? 0;
        return port != 0;
    }
}
