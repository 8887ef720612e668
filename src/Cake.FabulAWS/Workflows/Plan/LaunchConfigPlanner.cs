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
        LaunchConfigResult result;
        if (current.TemplateName is { } template)
        {
            var next = (await services.Aws.LaunchTemplates.ListVersionsAsync(template, cancellationToken).ConfigureAwait(false)).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
            var name = $"{template}:{next}";
            plan.Step("ec2", "CreateLaunchTemplateVersion", $"{name}: version {current.Version} with the new image only");
            result = new LaunchConfigResult(name, commit, "(planned)", imageName, LaunchSource.Template(template, next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            var name = ReleaseNames.LaunchConfiguration(target, services.Time.GetUtcNow(), commit);
            plan.Step("autoscaling", "CreateLaunchConfiguration", $"{name}: {current.Configuration!.Name} with the new image only");
            result = new LaunchConfigResult(name, commit, "(planned)", imageName, LaunchSource.Configuration(name));
        }

        plan.Step("ec2", "TerminateInstances", "the builder");
        plan.Ok($"then releases past keep_releases ({target.Bake.KeepReleases}) that nothing uses are removed (DeleteLaunchTemplateVersions / DeleteLaunchConfiguration, DeregisterImage, DeleteSnapshot)");
        plan.Estimate = "a few minutes: the builder's boot, the provisioning, and AWS making the image (often 5 to 15 min)";
        return (plan, result with { IsPlan = true });
    }
}
