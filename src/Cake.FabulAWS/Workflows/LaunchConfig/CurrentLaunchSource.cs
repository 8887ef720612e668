using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>What the environment's group launches now: a numbered launch template version, or a launch configuration.</summary>
/// <param name="Group">The group.</param>
/// <param name="TemplateName">The launch template, with <see cref="LaunchType.LaunchTemplate"/>.</param>
/// <param name="Version">Its version number, with <see cref="LaunchType.LaunchTemplate"/>.</param>
/// <param name="Configuration">The launch configuration, with <see cref="LaunchType.LaunchConfiguration"/>.</param>
internal sealed record CurrentLaunchSource(AutoScalingGroup Group, string? TemplateName, long? Version, LaunchConfiguration? Configuration)
{
    /// <summary>Reads it and checks it fits <c>launch_type</c> and <c>launch_templates</c>, before anything is made.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The launch source.</returns>
    public static async Task<CurrentLaunchSource> ReadAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Auto Scaling group '{target.AutoScalingGroupName}' not found in {target.Region}: check auto_scaling_groups in fabulaws-config.yml. Nothing was changed.");
        var source = group.LaunchSource;
        if (target.LaunchType == LaunchType.LaunchConfiguration)
        {
            var name = source?.LaunchConfigurationName
                ?? throw new CakeException($"fabulaws-config.yml has launch_type: launch_configuration, but group {group.Name} launches from {source?.ToString() ?? "nothing"}. Use launch_type: launch_template. Nothing was changed.");
            var configuration = await services.Aws.LaunchConfigurations.FindAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new CakeException($"Group {group.Name} uses launch configuration '{name}', which does not exist. Point the group at a launch configuration first. Nothing was changed.");
            return new CurrentLaunchSource(group, null, null, configuration);
        }

        var template = source?.LaunchTemplateName
            ?? throw new CakeException($"fabulaws-config.yml has launch_type: launch_template, but group {group.Name} launches from {source?.ToString() ?? "nothing"}. "
                + "Move the group to a launch template first, or set launch_type: launch_configuration. Nothing was changed.");
        if (target.LaunchTemplateName is { } configured && configured != template)
        {
            throw new CakeException($"launch_templates names '{configured}' for {target.Deployment}/{target.Environment}, but group {group.Name} launches from template '{template}'. Make them the same. Nothing was changed.");
        }

        var requested = source.LaunchTemplateVersion ?? "$Default";
        var version = await services.Aws.LaunchTemplates.FindVersionAsync(template, requested, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Group {group.Name} launches from version {requested} of template '{template}', which does not exist. Nothing was changed.");
        return new CurrentLaunchSource(group, template, version.Version, null);
    }

    /// <summary>
    /// Points a group that follows <c>$Latest</c> or <c>$Default</c> at the numbered version it launches now: otherwise
    /// the version CreateLaunchConfig makes would be used by the group at once, before any deploy.
    /// </summary>
    /// <param name="services">The run's services.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task PinAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        if (TemplateName is null || Group.LaunchSource?.LaunchTemplateVersion is { } given && long.TryParse(given, out _))
        {
            return;
        }

        var numbered = LaunchSource.Template(TemplateName, Version!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(Group.Name) { LaunchSource = numbered }, cancellationToken).ConfigureAwait(false);
        services.Log.Warning(
            "Group {0} followed {1} of template {2}: it is now pinned to version {3}, which it launches today, so the new version waits for a deploy.",
            Group.Name,
            Group.LaunchSource?.LaunchTemplateVersion ?? "$Default",
            TemplateName,
            Version);
    }
}
