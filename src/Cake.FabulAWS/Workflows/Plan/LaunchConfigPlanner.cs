using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>The plan of CreateLaunchConfig: the builder, the commands it would run there, the image and the launch source it would make.</summary>
/// <param name="services">The run's services.</param>
internal sealed class LaunchConfigPlanner(EnvironmentServices services)
{
    public async Task<(PlanReport Plan, LaunchConfigResult Result)> RunAsync(CheckedBranch verified, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var plan = new PlanReport("CreateLaunchConfig");
        var commit = Git.CommitId.EnsureValid(verified.Commit, "CreateLaunchConfig's commit");
        var imageName = ReleaseNames.Image(target, services.Time.GetUtcNow(), commit);
        CurrentLaunchSource current;
        try
        {
            current = await CurrentLaunchSource.ReadAsync(services, cancellationToken).ConfigureAwait(false);
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
            return (plan, new LaunchConfigResult("(none)", commit, "(planned)", imageName, new LaunchSource()));
        }

        plan.Ok($"group {current.Group.Name} launches {current.Group.LaunchSource}; the builder starts from {target.Instance.Ami} ({target.WebInstanceType})");
        if (target.LaunchType == LaunchType.LaunchConfiguration)
        {
            plan.Warn("launch_type: launch_configuration: AWS no longer lets new accounts create launch configurations (since 1 October 2024); this run fails in such an account. Move the group to a launch template.");
        }

        var group = current.Group;
        if (current.TemplateName is { } pinTemplate && !(group.LaunchSource?.LaunchTemplateVersion is { } given && long.TryParse(given, out _)))
        {
            plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} LaunchTemplate = {pinTemplate}:{current.Version} (pinned: it followed {group.LaunchSource?.LaunchTemplateVersion ?? "$Default"})");
        }

        var next = current.TemplateName is { } template
            ? await NextVersionAsync(template, current.Version, cancellationToken).ConfigureAwait(false)
            : NewConfiguration(current.Configuration!.Name, commit);
        return (plan, await BakeAsync(plan, verified, next, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The launch template version made from <paramref name="fromVersion"/>: the one after the template's last.</summary>
    /// <param name="template">The launch template.</param>
    /// <param name="fromVersion">The version the new one copies, with only the image changed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The planned version.</returns>
    public async Task<PlannedLaunchSource> NextVersionAsync(string template, long? fromVersion, CancellationToken cancellationToken)
    {
        var next = (await services.Aws.LaunchTemplates.ListVersionsAsync(template, cancellationToken).ConfigureAwait(false)).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
        return NewVersion(template, fromVersion, next);
    }

    /// <summary>A launch template version, planned.</summary>
    /// <param name="template">The launch template.</param>
    /// <param name="fromVersion">The version it copies.</param>
    /// <param name="next">Its number.</param>
    /// <returns>The planned version.</returns>
    public static PlannedLaunchSource NewVersion(string template, long? fromVersion, long next)
    {
        var name = $"{template}:{next}";
        return new PlannedLaunchSource(name, LaunchSource.Template(template, next.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ec2", "CreateLaunchTemplateVersion", $"{name}: version {fromVersion} with the new image only");
    }

    /// <summary>A launch configuration, planned.</summary>
    /// <param name="from">The group's launch configuration it copies.</param>
    /// <param name="commit">The commit in its name.</param>
    /// <returns>The planned launch configuration.</returns>
    public PlannedLaunchSource NewConfiguration(string from, string commit)
    {
        var name = ReleaseNames.LaunchConfiguration(services.Target, services.Time.GetUtcNow(), commit);
        return new PlannedLaunchSource(name, LaunchSource.Configuration(name), "autoscaling", "CreateLaunchConfiguration", $"{name}: {from} with the new image only");
    }

    /// <summary>The bake, as steps: the builder, the code, the secrets, the provisioning, the image, the launch source, the builder gone.</summary>
    /// <param name="plan">The plan the steps go into.</param>
    /// <param name="verified">The branch and commit to bake.</param>
    /// <param name="next">The launch source the bake ends with.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The release the bake would make.</returns>
    public async Task<LaunchConfigResult> BakeAsync(PlanReport plan, CheckedBranch verified, PlannedLaunchSource next, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var commit = Git.CommitId.EnsureValid(verified.Commit, "CreateLaunchConfig's commit");
        var imageName = ReleaseNames.Image(target, services.Time.GetUtcNow(), commit);
        var zone = target.AvailabilityZones.FirstOrDefault();
        plan.Step("ec2", "RunInstances", $"builder from {target.Instance.Ami}, {target.WebInstanceType}, security groups {string.Join(", ", target.SecurityGroupsFor(target.WebRole))}"
            + $"{(zone is not null && target.Subnets.TryGetValue(zone, out var subnet) ? $", subnet {subnet}" : string.Empty)}{(target.Instance.KeyName is { } key ? $", key {key}" : string.Empty)}, tagged role={BuilderInstance.Role}");
        if (target.Bake.CodeSource == CodeSource.Clone)
        {
            var url = await services.Git.GetRemoteUrlAsync("origin", cancellationToken).ConfigureAwait(false);
            plan.Step("ssh", "builder", CodeCommands.Clone(target.Bake.CodeRoot, url ?? "(no origin remote!)", commit, target.Ssh.CommandTimeout).RenderSafe());
        }
        else
        {
            plan.Step("ssh", "builder", $"upload git archive of {commit} to {CodeCommands.ArchivePath(commit)}");
            plan.Step("ssh", "builder", CodeCommands.Unpack(target.Bake.CodeRoot, commit, target.Ssh.CommandTimeout).RenderSafe());
        }

        if (target.Bake.BakeSecrets && target.PasswordNames.Count > 0)
        {
            plan.Step("ssh", "builder", $"upload the secrets {string.Join(", ", target.PasswordNames)} ([REDACTED]) from fabsecrets_{target.Environment}.yml");
        }

        foreach (var line in target.RenderProvisionCommands(commit))
        {
            plan.Step("ssh", "builder", RemoteCommand.Shell(line).InDirectory("~").WithEnvironment("DEPLOY_COMMIT", commit).WithEnvironment("FABULAWS_COMMIT", commit).RenderSafe());
        }

        plan.Step("ec2", "CreateImage", $"{imageName}, tagged deployment, environment, branch {verified.Branch}, commit {commit}");
        plan.Step(next.Service, next.Action, next.Detail);
        plan.Step("ec2", "TerminateInstances", "the builder");
        plan.Ok($"then releases past keep_releases ({target.Bake.KeepReleases}) that nothing uses are removed (DeleteLaunchTemplateVersions / DeleteLaunchConfiguration, DeregisterImage, DeleteSnapshot)");
        plan.Estimate = "a few minutes: the builder's boot, the provisioning, and AWS making the image (often 5 to 15 min)";
        return new LaunchConfigResult(next.Name, commit, "(planned)", imageName, next.Source) { IsPlan = true };
    }
}

/// <summary>The launch source a planned bake ends with, and the call that makes it.</summary>
/// <param name="Name">Its release name (<c>template:version</c>, or the launch configuration's).</param>
/// <param name="Source">The launch source.</param>
/// <param name="Service">The AWS service of the call.</param>
/// <param name="Action">The call.</param>
/// <param name="Detail">What it makes.</param>
internal sealed record PlannedLaunchSource(string Name, LaunchSource Source, string Service, string Action, string Detail);
