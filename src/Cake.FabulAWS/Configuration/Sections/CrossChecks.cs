using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Configuration.Sections;

/// <summary>The rules that span sections, run once every section has read itself.</summary>
internal static class CrossChecks
{
    public static void Run(RootEntries root, TopologySection topology, ScopedSections maps, AwsSection aws, CommandsSection commands, ServersSection servers, Diagnostics d)
    {
        if (topology.Deployments is { } deployments && topology.Environments is { } environments)
        {
            maps.Branches.RequireEach(deployments, environments, "every environment needs a branch", root.RootMark, d);
            maps.AutoScalingGroups.RequireEach(deployments, environments, "every environment needs a group", root.RootMark, d);
            RequireLoadBalancing(root, maps, deployments, environments, d);
        }

        if (topology.Environments is { } names && commands.WebRole is { } webRole)
        {
            maps.InstanceTypes.RequireEach(names, [webRole], $"the {webRole} role needs an instance type for the builder instance", root.RootMark, d);
            RequireServerTypes(root, maps, servers, names, d);
        }

        if (aws.LaunchType == LaunchType.LaunchConfiguration && maps.LaunchTemplates.Node is { } templates)
        {
            d.Error(templates, "launch_templates", "only used with launch_type: launch_template; remove it or change launch_type");
        }
    }

    /// <summary>Every role with servers in an environment needs an instance type there.</summary>
    private static void RequireServerTypes(RootEntries root, ScopedSections maps, ServersSection servers, IReadOnlyList<string> environments, Diagnostics d)
    {
        if (maps.InstanceTypes.IsEmpty || d.HasErrorOn("instance_types"))
        {
            return;
        }

        foreach (var environment in environments)
        {
            foreach (var role in servers.ServersFor(environment).Where(s => s.Count > 0))
            {
                if (maps.InstanceTypes.Find(environment, role.Role) is null && !maps.InstanceTypes.IsInvalid(environment, role.Role))
                {
                    d.Error(maps.InstanceTypes.MarkFor(environment) ?? root.RootMark, $"instance_types/{environment}/{role.Role}", $"missing (servers gives {environment} {role.Count} {role.Role} server(s))");
                }
            }
        }
    }

    private static void RequireLoadBalancing(RootEntries root, ScopedSections maps, IReadOnlyList<string> deployments, IReadOnlyList<string> environments, Diagnostics d)
    {
        const string Reason = "every environment needs load_balancers or target_groups";
        if (maps.LoadBalancers.IsEmpty && maps.TargetGroups.IsEmpty)
        {
            d.Error(maps.LoadBalancers.Node?.Start ?? maps.TargetGroups.Node?.Start ?? root.RootMark, "load_balancers", $"missing ({Reason})");
            return;
        }

        foreach (var deployment in deployments)
        {
            foreach (var environment in environments)
            {
                var count = (maps.LoadBalancers.Find(deployment, environment)?.Count ?? 0) + (maps.TargetGroups.Find(deployment, environment)?.Count ?? 0);
                var map = !maps.LoadBalancers.IsEmpty ? maps.LoadBalancers : maps.TargetGroups;
                var path = $"{map.Name}/{deployment}/{environment}";
                var reported = maps.LoadBalancers.IsInvalid(deployment, environment) || maps.TargetGroups.IsInvalid(deployment, environment)
                    || d.HasErrorOn("load_balancers") || d.HasErrorOn("target_groups");
                if (count == 0 && !reported)
                {
                    d.Error(map.MarkFor(deployment) ?? root.RootMark, path, $"missing ({Reason})");
                }
            }
        }
    }
}
