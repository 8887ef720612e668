using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>
/// The maps keyed by deployment and environment (<c>branches</c>, <c>auto_scaling_groups</c>, <c>load_balancers</c>,
/// <c>target_groups</c>, <c>launch_templates</c>) and by environment and role (<c>instance_types</c>,
/// <c>security_groups</c>).
/// </summary>
internal sealed partial record ScopedSections(
    ScopedMap<string> Branches,
    ScopedMap<string> AutoScalingGroups,
    ScopedMap<IReadOnlyList<string>> LoadBalancers,
    ScopedMap<IReadOnlyList<string>> TargetGroups,
    ScopedMap<string> LaunchTemplates,
    ScopedMap<string> InstanceTypes,
    ScopedMap<IReadOnlyList<string>> SecurityGroups)
{
    public static ScopedSections Read(RootEntries root, TopologySection topology, Diagnostics d)
    {
        var deployments = topology.DeploymentScope;
        var environments = topology.EnvironmentScope;
        var roles = new Scope("role", null);
        return new ScopedSections(
            ScopedMap<string>.Read("branches", root["branches"], deployments, environments, Branch, d),
            ScopedMap<string>.Read("auto_scaling_groups", root["auto_scaling_groups"], deployments, environments, GroupName, d),
            ScopedMap<IReadOnlyList<string>>.Read("load_balancers", root["load_balancers"], deployments, environments, LoadBalancerNames, d),
            ScopedMap<IReadOnlyList<string>>.Read("target_groups", root["target_groups"], deployments, environments, TargetGroupList, d),
            ScopedMap<string>.Read("launch_templates", root["launch_templates"], deployments, environments, LaunchTemplateName, d),
            ScopedMap<string>.Read("instance_types", root["instance_types"], environments, roles, InstanceType, d),
            ScopedMap<IReadOnlyList<string>>.Read("security_groups", root["security_groups"], environments, roles, StringList, d));
    }

    private static string? Branch(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        Names.Matching(node, path, d, BranchPattern(), "should be a git branch name (letters, digits and . _ - /)");

    private static string? GroupName(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        Names.Matching(node, path, d, GroupNamePattern(), "should be an Auto Scaling group name (no ':' and at most 255 characters)");

    private static string? LaunchTemplateName(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        Names.Matching(node, path, d, LaunchTemplatePattern(), "should be a launch template name (3 to 128 letters, digits and ( ) . / _ -)");

    private static string? InstanceType(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        Names.Matching(node, path, d, InstanceTypePattern(), "should be an instance type such as t3.small");

    private static IReadOnlyList<string>? StringList(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        Nodes.StringList(node, path, d)?.Select(item => item.Value).ToList();

    private static IReadOnlyList<string>? LoadBalancerNames(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        CheckedList(node, path, d, ClassicNamePattern(), "should be a classic load balancer name (1 to 32 letters, digits and hyphens)");

    private static IReadOnlyList<string>? TargetGroupList(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d) =>
        CheckedList(node, path, d, TargetGroupPattern(), "should be a target group ARN or name (1 to 32 letters, digits and hyphens)");

    private static IReadOnlyList<string>? CheckedList(YamlDotNet.RepresentationModel.YamlNode node, string path, Diagnostics d, Regex pattern, string rule)
    {
        if (Nodes.StringList(node, path, d) is not { } items)
        {
            return null;
        }

        var bad = items.Where(item => !pattern.IsMatch(item.Value)).ToList();
        bad.ForEach(item => d.Error(item.Node, item.Path, $"'{item.Value}' {rule}"));
        return bad.Count == 0 ? items.Select(item => item.Value).ToList() : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._/-]+$")]
    private static partial Regex BranchPattern();

    [GeneratedRegex(@"^[^:]{1,255}$")]
    private static partial Regex GroupNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9()./_-]{3,128}$")]
    private static partial Regex LaunchTemplatePattern();

    [GeneratedRegex(@"^[a-z0-9-]+\.[a-z0-9-]+$")]
    private static partial Regex InstanceTypePattern();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")]
    private static partial Regex ClassicNamePattern();

    [GeneratedRegex(@"^(arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?)$")]
    private static partial Regex TargetGroupPattern();
}
