using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>
/// The web tier's Auto Scaling group, which FabulAWS required to be made by hand: when it does not exist, a launch
/// template of the base image (created when missing) and the group on it, empty, attached to the configured load
/// balancers and target groups, tagged deployment, environment, role and Name with the tags propagated at launch.
/// An existing group gets the load balancers it lacks. Either way its launch source must suit CreateLaunchConfig.
/// </summary>
internal static class WebGroup
{
    /// <summary>The template name used when <c>launch_templates</c> names none.</summary>
    /// <param name="target">The environment.</param>
    /// <returns>The name.</returns>
    public static string DefaultTemplateName(DeploymentTarget target) => $"{target.Deployment}-{target.Environment}-lt";

    /// <summary>Makes what is missing.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was made or changed, for the summary.</returns>
    public static async Task<IReadOnlyList<string>> EnsureAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var balancers = await BalancersAsync(services, cancellationToken).ConfigureAwait(false);
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        var made = group is null
            ? await CreateAsync(services, balancers, cancellationToken).ConfigureAwait(false)
            : await AttachMissingAsync(services, group, balancers, cancellationToken).ConfigureAwait(false);

        // the same checks CreateLaunchConfig makes first, before any server is launched
        await CurrentLaunchSource.ReadAsync(services, cancellationToken).ConfigureAwait(false);
        return made;
    }

    /// <summary>Why the group cannot be made from the config, or null when it can.</summary>
    /// <param name="target">The environment.</param>
    /// <returns>The refusal.</returns>
    public static string? CannotCreate(DeploymentTarget target)
    {
        if (target.LaunchType == LaunchType.LaunchConfiguration)
        {
            return $"Auto Scaling group '{target.AutoScalingGroupName}' does not exist, and CreateEnvironment creates groups on launch templates only; with launch_type: launch_configuration make the group by hand first (accounts created since October 2024 cannot create launch configurations at all). Nothing was changed.";
        }

        return target.AvailabilityZones.Count == 0
            ? $"CreateEnvironment creates group '{target.AutoScalingGroupName}' in the zones of avail_zones: list at least one in fabulaws-config.yml (and subnets in a VPC). Nothing was changed."
            : null;
    }

    /// <summary>The first version of a template made for the group: the base image, before any release.</summary>
    /// <param name="target">The environment.</param>
    /// <returns>The template's content.</returns>
    public static LaunchTemplateChange BaseTemplate(DeploymentTarget target)
    {
        var groups = target.SecurityGroupsFor(target.WebRole);
        return new LaunchTemplateChange(target.Instance.Ami)
        {
            InstanceType = target.WebInstanceType,
            KeyName = target.Instance.KeyName,
            SecurityGroupIds = groups.Count > 0 ? groups : null,
            Description = $"Cake.FabulAWS CreateEnvironment: the base image of {target.Deployment}/{target.Environment}, before any release",
        };
    }

    /// <summary>The group CreateEnvironment makes: empty, on the template's version, behind the load balancers, tags propagated.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="templateName">The launch template.</param>
    /// <param name="version">Its version the group starts on.</param>
    /// <param name="balancers">The load balancers and target groups.</param>
    /// <returns>The group's creation.</returns>
    public static GroupCreation Creation(DeploymentTarget target, string templateName, long version, IReadOnlyList<LoadBalancerRef> balancers)
    {
        var subnets = target.AvailabilityZones.Select(z => target.Subnets.GetValueOrDefault(z)).ToList();
        var settings = target.Group;
        return new GroupCreation(target.AutoScalingGroupName, LaunchSource.Template(templateName, version.ToString(System.Globalization.CultureInfo.InvariantCulture)), 0, settings.MaxSize, 0)
        {
            AvailabilityZones = subnets.All(s => s is not null) ? [] : target.AvailabilityZones,
            SubnetIds = subnets.All(s => s is not null) ? [.. subnets.OfType<string>()] : [],
            LoadBalancerNames = [.. balancers.Where(b => b.Kind == LoadBalancerKind.Classic).Select(b => b.Id)],
            TargetGroupArns = [.. balancers.Where(b => b.Kind == LoadBalancerKind.TargetGroup).Select(b => b.Id)],
            HealthCheckType = settings.HealthCheckType,
            HealthCheckGracePeriod = settings.HealthCheckGracePeriod,
            Tags = new Dictionary<string, string>
            {
                ["Name"] = $"{target.Deployment}_{target.Environment}_{target.WebRole}",
                ["deployment"] = target.Deployment,
                ["environment"] = target.Environment,
                ["role"] = target.WebRole,
            },
        };
    }

    /// <summary>The configured load balancers and target groups an existing group is not attached to.</summary>
    /// <param name="group">The group.</param>
    /// <param name="balancers">The configured ones.</param>
    /// <returns>The missing ones.</returns>
    public static IReadOnlyList<LoadBalancerRef> Missing(AutoScalingGroup group, IReadOnlyList<LoadBalancerRef> balancers) =>
        [.. balancers.Where(b => b.Kind == LoadBalancerKind.Classic ? !group.LoadBalancerNames.Contains(b.Id) : !group.TargetGroupArns.Contains(b.Id))];

    /// <summary>Says what load balancers a group is behind.</summary>
    /// <param name="balancers">Its load balancers and target groups.</param>
    /// <returns>The text.</returns>
    public static string Behind(IReadOnlyList<LoadBalancerRef> balancers) => balancers.Count == 0 ? "no load balancer" : string.Join(", ", balancers);

    private static async Task<IReadOnlyList<string>> CreateAsync(EnvironmentServices services, IReadOnlyList<LoadBalancerRef> balancers, CancellationToken cancellationToken)
    {
        var target = services.Target;
        if (CannotCreate(target) is { } refusal)
        {
            throw new CakeException(refusal);
        }

        var made = new List<string>();
        var templateName = target.LaunchTemplateName ?? DefaultTemplateName(target);
        long version;
        if (await services.Aws.LaunchTemplates.FindTemplateAsync(templateName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            version = existing.DefaultVersion;
            services.Log.Information("Launch template {0} exists: the new group starts on its default version {1}.", templateName, version);
        }
        else
        {
            var first = await services.Aws.LaunchTemplates.CreateTemplateAsync(templateName, BaseTemplate(target), cancellationToken).ConfigureAwait(false);
            version = first.Version;
            made.Add($"launch template {templateName} (version {version}: {target.Instance.Ami}, {target.WebInstanceType})");
            services.Log.Information("Launch template {0} created: version {1} launches {2} ({3}); CreateLaunchConfig adds the release versions.", templateName, version, target.Instance.Ami, target.WebInstanceType);
        }

        var settings = target.Group;
        await services.Aws.Provisioning.CreateGroupAsync(Creation(target, templateName, version, balancers), cancellationToken).ConfigureAwait(false);
        var behind = Behind(balancers);
        made.Add($"group {target.AutoScalingGroupName} (empty, max {settings.MaxSize}, behind {behind})");
        services.Log.Information(
            "Auto Scaling group {0} created empty on {1}:{2}, max {3}, {4} health checks ({5} s grace), behind {6}; its instances get the tags deployment, environment, role={7} and Name.",
            target.AutoScalingGroupName, templateName, version, settings.MaxSize, settings.HealthCheckType, settings.HealthCheckGracePeriod, behind, target.WebRole);
        return made;
    }

    private static async Task<IReadOnlyList<string>> AttachMissingAsync(EnvironmentServices services, AutoScalingGroup group, IReadOnlyList<LoadBalancerRef> balancers, CancellationToken cancellationToken)
    {
        var missing = Missing(group, balancers);
        services.Log.Information("Auto Scaling group {0} exists (min {1}, max {2}, desired {3}); CreateEnvironment uses it.", group.Name, group.MinSize, group.MaxSize, group.DesiredCapacity);
        if (missing.Count == 0)
        {
            return [];
        }

        await services.Aws.Provisioning.AttachLoadBalancersAsync(group.Name, missing, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Attached {0} to group {1}.", string.Join(", ", missing), group.Name);
        return [$"attached {string.Join(", ", missing)} to group {group.Name}"];
    }

    /// <summary>The configured classic load balancers and target groups, resolved.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The load balancers.</returns>
    public static async Task<IReadOnlyList<LoadBalancerRef>> BalancersAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        var balancers = new List<LoadBalancerRef>(services.Target.LoadBalancerNames.Select(LoadBalancerRef.Classic));
        foreach (var targetGroup in services.Target.TargetGroups)
        {
            balancers.Add(await services.Aws.LoadBalancing.ResolveTargetGroupAsync(targetGroup, cancellationToken).ConfigureAwait(false));
        }

        return balancers;
    }
}
