using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// Keeps the newest <c>keep_releases</c> of what CreateLaunchConfig made for the environment (images, launch template
/// versions, launch configurations) and removes the older ones; never one in use by the group or the template's default
/// version, nor an image that a kept version or configuration launches. Images go with their snapshots.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class ReleaseCleanup(EnvironmentServices services)
{
    /// <summary>Removes what is past the limit.</summary>
    /// <param name="templateName">The group's template, with launch templates.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>What was removed, one phrase each.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(string? templateName, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var keep = target.Bake.KeepReleases;
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        var launchedImages = new HashSet<string>(StringComparer.Ordinal);
        if (target.LaunchType == LaunchType.LaunchTemplate && templateName is not null)
        {
            await CleanVersionsAsync(templateName, group, keep, launchedImages, removed, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CleanConfigurationsAsync(group, keep, launchedImages, removed, cancellationToken).ConfigureAwait(false);
        }

        var tags = new Dictionary<string, string> { ["deployment"] = target.Deployment, ["environment"] = target.Environment };
        var images = (await services.Aws.Images.FindByTagsAsync(tags, cancellationToken).ConfigureAwait(false))
            .Where(i => i.Name.StartsWith(ReleaseNames.ImagePrefix(target), StringComparison.Ordinal) && i.Tags.ContainsKey("commit"))
            .OrderByDescending(i => i.CreationDate).ThenByDescending(i => i.Name, StringComparer.Ordinal).ToList();
        foreach (var image in images.Skip(keep).Where(i => !launchedImages.Contains(i.ImageId)))
        {
            await services.Aws.Images.DeregisterAsync(image.ImageId, cancellationToken).ConfigureAwait(false);
            await services.Aws.Images.DeleteSnapshotsAsync(image.SnapshotIds, cancellationToken).ConfigureAwait(false);
            removed.Add($"image {image.ImageId} ({image.Name}){(image.SnapshotIds.Count == 0 ? string.Empty : " with snapshot(s) " + string.Join(", ", image.SnapshotIds))}");
        }

        services.Log.Information(removed.Count == 0 ? "Cleanup: nothing past keep_releases ({0})." : "Cleanup (keep_releases {0}): removed {1}.", keep, string.Join("; ", removed));
        return removed;
    }

    private async Task CleanVersionsAsync(string templateName, AutoScalingGroup? group, int keep, HashSet<string> launchedImages, List<string> removed, CancellationToken cancellationToken)
    {
        var template = await services.Aws.LaunchTemplates.FindTemplateAsync(templateName, cancellationToken).ConfigureAwait(false);
        var versions = await services.Aws.LaunchTemplates.ListVersionsAsync(templateName, cancellationToken).ConfigureAwait(false);
        var inUse = new HashSet<long>();
        if (template is not null)
        {
            inUse.Add(template.DefaultVersion);
        }

        if (group?.LaunchSource is { LaunchTemplateVersion: { } used } && long.TryParse(used, out var number))
        {
            inUse.Add(number);
        }
        else if (group?.LaunchSource?.LaunchTemplateVersion == "$Latest" && template is not null)
        {
            inUse.Add(template.LatestVersion);
        }

        var ours = versions.Where(v => v.Description?.StartsWith(ReleaseNames.DescriptionPrefix(services.Target), StringComparison.Ordinal) == true)
            .OrderByDescending(v => v.Version).ToList();
        var doomed = ours.Skip(keep).Where(v => !inUse.Contains(v.Version)).ToList();
        foreach (var version in versions.Except(doomed).Where(v => v.ImageId is not null))
        {
            launchedImages.Add(version.ImageId!);
        }

        if (doomed.Count > 0)
        {
            await services.Aws.LaunchTemplates.DeleteVersionsAsync(templateName, doomed.Select(v => v.Version), cancellationToken).ConfigureAwait(false);
            removed.AddRange(doomed.Select(v => $"version {v.Version} of {templateName}"));
        }
    }

    private async Task CleanConfigurationsAsync(AutoScalingGroup? group, int keep, HashSet<string> launchedImages, List<string> removed, CancellationToken cancellationToken)
    {
        var all = await services.Aws.LaunchConfigurations.ListAsync(cancellationToken).ConfigureAwait(false);
        var ours = all.Where(c => c.Name.StartsWith(ReleaseNames.LaunchConfigurationPrefix(services.Target), StringComparison.Ordinal))
            .OrderByDescending(c => c.CreatedTime).ThenByDescending(c => c.Name, StringComparer.Ordinal).ToList();
        var doomed = ours.Skip(keep).Where(c => c.Name != group?.LaunchSource?.LaunchConfigurationName).ToList();
        foreach (var configuration in all.Except(doomed))
        {
            launchedImages.Add(configuration.ImageId);
        }

        foreach (var configuration in doomed)
        {
            await services.Aws.LaunchConfigurations.DeleteAsync(configuration.Name, cancellationToken).ConfigureAwait(false);
            removed.Add($"launch configuration {configuration.Name}");
        }
    }
}
