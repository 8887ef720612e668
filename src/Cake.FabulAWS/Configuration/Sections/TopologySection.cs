using Cake.FabulAWS.Configuration.Yaml;
using YamlDotNet.Core;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// <c>deployments</c>, <c>default_deployment</c>, <c>environments</c> and <c>production_environments</c>:
/// the names every other section is keyed by.
/// </summary>
internal sealed record TopologySection(
    IReadOnlyList<string>? Deployments,
    string? DefaultDeployment,
    IReadOnlyList<string>? Environments,
    IReadOnlyList<string> ProductionEnvironments,
    Mark DeploymentsMark,
    Mark EnvironmentsMark)
{
    public Scope DeploymentScope => new("deployment", Deployments);

    public Scope EnvironmentScope => new("environment", Environments);

    public static TopologySection Read(RootEntries root, Diagnostics d)
    {
        var deployments = ReadNames(root, "deployments", "deployment", "list the deployments, e.g. [myproject]", d);
        var environments = ReadNames(root, "environments", "environment", "list the environments, e.g. [staging, production]", d);
        var deploymentNames = deployments?.Select(item => item.Value).ToList();
        var environmentNames = environments?.Select(item => item.Value).ToList();

        var defaultDeployment = root.OptionalString("default_deployment", null, d);
        if (defaultDeployment is not null && deploymentNames is not null && !deploymentNames.Contains(defaultDeployment))
        {
            var message = Suggestions.WithHint($"'{defaultDeployment}' is not in deployments", defaultDeployment, deploymentNames);
            d.Error(root["default_deployment"]!, "default_deployment", $"{message}; deployments: {string.Join(", ", deploymentNames)}");
            defaultDeployment = null;
        }

        return new TopologySection(
            deploymentNames,
            defaultDeployment,
            environmentNames,
            ReadProduction(root, environmentNames, d),
            root["deployments"]?.Start ?? root.RootMark,
            root["environments"]?.Start ?? root.RootMark);
    }

    private static List<Located>? ReadNames(RootEntries root, string key, string noun, string reason, Diagnostics d)
    {
        if (root[key] is not { } node)
        {
            d.Error(root.RootMark, key, $"missing ({reason})");
            return null;
        }

        if (Nodes.StringList(node, key, d) is not { } items)
        {
            return null;
        }

        if (node is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 0 })
        {
            d.Error(node, key, $"should list at least one {noun}");
            return null;
        }

        // With a bad name the list is not used at all: checking the maps against half a list would only add noise.
        var names = Names.RequireNames(items, d);
        return names.Count == items.Count && names.Count > 0 ? names : null;
    }

    private static List<string> ReadProduction(RootEntries root, List<string>? environments, Diagnostics d)
    {
        if (root["production_environments"] is not { } node)
        {
            return environments?.Contains("production") == true ? ["production"] : [];
        }

        var items = Nodes.StringList(node, "production_environments", d) ?? [];
        if (environments is null)
        {
            return items.Select(item => item.Value).ToList();
        }

        foreach (var item in items.Where(item => !environments.Contains(item.Value)))
        {
            var message = Suggestions.WithHint($"'{item.Value}' is not in environments", item.Value, environments);
            d.Error(item.Node, item.Path, $"{message}; environments: {string.Join(", ", environments)}");
        }

        return items.Select(item => item.Value).Where(environments.Contains).ToList();
    }
}
