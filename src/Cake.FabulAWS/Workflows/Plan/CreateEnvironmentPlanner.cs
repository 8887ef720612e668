using Cake.Core;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.CreateEnvironment;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>
/// The plan of CreateEnvironment, in the run's order: the checks that refuse it (servers still running, secrets, zones),
/// the launch template and group it would make, each server with its launch and its commands, the bake of the web
/// image, the DeployFull of the web tier on the group as it would be by then, and the secrets pushed at the end.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class CreateEnvironmentPlanner(EnvironmentServices services)
{
    public async Task<(PlanReport Plan, CreateEnvironmentResult Result)> RunAsync(CheckedBranch verified, CreateEnvironmentSettings settings, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var name = $"{target.Deployment}/{target.Environment}";
        var plan = new PlanReport("CreateEnvironment");
        var commit = Git.CommitId.EnsureValid(verified.Commit, "CreateEnvironment's commit");
        if (target.IsProduction && settings.Confirm != target.Environment)
        {
            plan.Warn($"{target.Environment} is a production environment: the run asks for its name at a terminal, or needs --confirm={target.Environment}");
        }

        await RunningAsync(plan, name, cancellationToken).ConfigureAwait(false);
        var secrets = await SecretsAsync(plan, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PlannedServer> servers = [];
        try
        {
            servers = ServerPlan.For(target, services.Time.GetUtcNow());
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
        }

        var (group, next) = await GroupAsync(plan, commit, cancellationToken).ConfigureAwait(false);
        foreach (var server in servers)
        {
            Server(plan, server, secrets, commit);
        }

        LaunchConfigResult? release = null;
        if (settings.LaunchConfigName is { } reuse)
        {
            try
            {
                release = await new Releases(services).FindAsync(reuse, cancellationToken).ConfigureAwait(false);
                plan.Ok($"the web tier deploys release {release.Name} ({release.Commit}); nothing is baked");
            }
            catch (CakeException e)
            {
                plan.Problem(e.Message);
            }
        }
        else if (next is not null)
        {
            release = await new LaunchConfigPlanner(services).BakeAsync(plan, verified, next, cancellationToken).ConfigureAwait(false);
        }

        if (release is not null)
        {
            var workers = servers.Where(s => s.Role == target.WorkerRole).Select(s => new RemoteHost($"{s.Label} (new)")).ToList();
            var full = await new DeployPlanner(services).FullAsync(new DeploySettings { Release = release, Confirm = target.Environment }, cancellationToken, new PlannedEnvironment(group, workers)).ConfigureAwait(false);
            plan.Append(full);
        }

        if (target.PasswordNames.Count > 0)
        {
            plan.Step("ssh", $"{servers.Count} new server(s) and the web servers", $"UpdateServerPasswords: {string.Join(", ", target.PasswordNames)} ([REDACTED]) into {services.UpdateServerPasswords.RemoteSecretsDirectory}");
        }

        plan.Estimate = $"a few minutes: {servers.Count} server(s) at once ({(servers.Count == 0 ? "none" : "boot and role_provision_commands")}) while the web image is baked (AWS often takes 5 to 15 min), then DeployFull";
        var planned = release ?? new LaunchConfigResult("(none)", commit, "(planned)", string.Empty, new LaunchSource()) { IsPlan = true };
        var rows = servers.Select(s => new EnvironmentServer(s.Role, s.Label, s.Zone, string.Empty, ServerState.Ready)).ToList();
        return (plan, new CreateEnvironmentResult(rows, [], planned, DeployResult.Planned(plan, "DeployFull", planned), [], TimeSpan.Zero));
    }

    private async Task RunningAsync(PlanReport plan, string name, CancellationToken cancellationToken)
    {
        var target = services.Target;
        var tags = new Dictionary<string, string> { ["deployment"] = target.Deployment, ["environment"] = target.Environment };
        var found = await services.Aws.Instances.FindByTagsAsync(tags, RunningServers.Live, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            plan.Ok($"no server of {name} runs");
            return;
        }

        var list = string.Join(", ", found.Select(s => $"{s.InstanceId} ({s.Tags.GetValueOrDefault("role") ?? "no role"}, {s.State})"));
        plan.Problem($"CreateEnvironment would be refused: {found.Count} server(s) of {name} still run: {list}. Terminate them first (the run without --plan prints the commands).");
    }

    private async Task<IReadOnlyList<string>> SecretsAsync(PlanReport plan, CancellationToken cancellationToken)
    {
        var target = services.Target;
        if (target.PasswordNames.Count == 0)
        {
            plan.Ok("no password_names: no secrets to push");
            return [];
        }

        try
        {
            var passwords = new UpdateServerPasswordsWorkflow(services.Remote, services.Git, services.Files, services.Log);
            var read = await passwords.ReadSecretsAsync(services.UpdateServerPasswords, cancellationToken).ConfigureAwait(false);
            plan.Ok($"{read.Path} holds {string.Join(", ", read.Secrets.Select(s => s.Name))}");
            return [.. read.Secrets.Select(s => s.Name)];
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
            return [];
        }
    }

    /// <summary>The group as it is, or as the run would make it; and the launch source the bake would end with.</summary>
    private async Task<(AutoScalingGroup? Planned, PlannedLaunchSource? Next)> GroupAsync(PlanReport plan, string commit, CancellationToken cancellationToken)
    {
        var target = services.Target;
        IReadOnlyList<LoadBalancerRef> balancers;
        try
        {
            balancers = await WebGroup.BalancersAsync(services, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CakeException or Aws.AwsOperationException)
        {
            plan.Problem(e.Message);
            return (null, null);
        }

        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        var bakes = new LaunchConfigPlanner(services);
        if (group is not null)
        {
            plan.Ok($"group {group.Name} exists (min {group.MinSize}, max {group.MaxSize}, desired {group.DesiredCapacity}): the run uses it");
            var missing = WebGroup.Missing(group, balancers);
            if (missing.Where(b => b.Kind == LoadBalancerKind.Classic).ToList() is { Count: > 0 } classic)
            {
                plan.Step("autoscaling", "AttachLoadBalancers", $"{group.Name}: {string.Join(", ", classic)}");
            }

            if (missing.Where(b => b.Kind == LoadBalancerKind.TargetGroup).ToList() is { Count: > 0 } targetGroups)
            {
                plan.Step("autoscaling", "AttachLoadBalancerTargetGroups", $"{group.Name}: {string.Join(", ", targetGroups)}");
            }

            try
            {
                var current = await CurrentLaunchSource.ReadAsync(services, cancellationToken).ConfigureAwait(false);
                return (null, current.TemplateName is { } template
                    ? await bakes.NextVersionAsync(template, current.Version, cancellationToken).ConfigureAwait(false)
                    : bakes.NewConfiguration(current.Configuration!.Name, commit));
            }
            catch (CakeException e)
            {
                plan.Problem(e.Message);
                return (null, null);
            }
        }

        if (WebGroup.CannotCreate(target) is { } refusal)
        {
            plan.Problem(refusal);
            return (null, null);
        }

        var templateName = target.LaunchTemplateName ?? WebGroup.DefaultTemplateName(target);
        long version = 1;
        PlannedLaunchSource next;
        if (await services.Aws.LaunchTemplates.FindTemplateAsync(templateName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            version = existing.DefaultVersion;
            plan.Ok($"launch template {templateName} exists: the new group starts on its default version {version}");
            next = await bakes.NextVersionAsync(templateName, version, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var template = WebGroup.BaseTemplate(target);
            plan.Step("ec2", "CreateLaunchTemplate", $"{templateName} version 1: {template.ImageId}, {template.InstanceType}{(template.KeyName is { } key ? $", key {key}" : string.Empty)}{(template.SecurityGroupIds is { } sg ? $", security groups {string.Join(", ", sg)}" : string.Empty)}");
            next = LaunchConfigPlanner.NewVersion(templateName, 1, 2);
        }

        var creation = WebGroup.Creation(target, templateName, version, balancers);
        var where = creation.SubnetIds.Count > 0 ? $"subnets {string.Join(", ", creation.SubnetIds)}" : $"zones {string.Join(", ", creation.AvailabilityZones)}";
        plan.Step("autoscaling", "CreateAutoScalingGroup", $"{creation.GroupName} on {creation.LaunchSource}, min 0, max {creation.MaxSize}, desired 0, {where}, behind {WebGroup.Behind(balancers)}, {creation.HealthCheckType} health checks ({creation.HealthCheckGracePeriod} s grace), tags {string.Join(", ", creation.Tags.Select(t => $"{t.Key}={t.Value}"))} propagated at launch");
        var planned = new AutoScalingGroup(
            creation.GroupName, 0, creation.MaxSize, 0, creation.LaunchSource, [], creation.LoadBalancerNames, creation.TargetGroupArns, [], [], creation.Tags,
            creation.HealthCheckType ?? "EC2", creation.HealthCheckGracePeriod ?? 0, target.AvailabilityZones);
        return (planned, next);
    }

    private void Server(PlanReport plan, PlannedServer server, IReadOnlyList<string> secrets, string commit)
    {
        var target = services.Target;
        var groups = target.SecurityGroupsFor(server.Role);
        var subnet = target.Subnets.GetValueOrDefault(server.Zone);
        plan.Step("ec2", "RunInstances", $"{server.Title}: {target.Instance.Ami}, {target.InstanceTypes[server.Role]}{(subnet is null ? string.Empty : $", subnet {subnet}")}{(groups.Count == 0 ? string.Empty : $", security groups {string.Join(", ", groups)}")}, tagged role={server.Role}, Name={target.Deployment}_{target.Environment}_{server.Label} (log {server.LogName}.log)");
        if (secrets.Count > 0)
        {
            plan.Step("ssh", server.Label, $"upload the secrets {string.Join(", ", secrets)} ([REDACTED]) into {services.UpdateServerPasswords.RemoteSecretsDirectory}");
        }

        foreach (var line in target.RenderRoleProvisionCommands(server.Role, commit))
        {
            plan.Step("ssh", server.Label, RemoteCommand.Shell(line).InDirectory("~").WithEnvironment("FABULAWS_ROLE", server.Role).WithEnvironment("FABULAWS_COMMIT", commit).WithTimeout(target.Ssh.CommandTimeout).RenderSafe());
        }
    }
}
