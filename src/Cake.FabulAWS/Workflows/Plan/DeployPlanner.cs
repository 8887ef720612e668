using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>
/// The plans of DeploySerial, DeployFull and Rollback: the same decisions the workflows make, from the group as it
/// is now, written as the calls they would send; with the preflight of what would fail later and an estimate.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class DeployPlanner(EnvironmentServices services)
{
    /// <summary>A typical EC2 boot to a running web server, for the estimate (the real one depends on the image).</summary>
    private static readonly TimeSpan AssumedBoot = TimeSpan.FromSeconds(60);

    public async Task<PlanReport> SerialAsync(DeploySettings settings, string kind, CancellationToken cancellationToken)
    {
        var plan = new PlanReport(kind);
        if (await StartAsync(plan, settings, kind, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return plan;
        }

        var strategy = settings.Strategy ?? services.Target.Serial.Strategy;
        var group = run.Before.Group;
        var to = run.Release.LaunchSource;
        var old = run.Record.OldInstances;
        if (old.Count == 0 && LaunchSources.Same(group.LaunchSource, to))
        {
            plan.Ok($"every instance already runs {to}: nothing to change");
            return plan;
        }

        var round = services.Target.Serial.RoundSize(group.DesiredCapacity);
        var keep = strategy == SerialStrategy.LaunchFirst && kind != "Rollback" ? services.Target.KeepPrevious : null;
        var health = await HealthChecksAsync(plan, run, cancellationToken).ConfigureAwait(false);
        if (strategy == SerialStrategy.LaunchFirst && group.DesiredCapacity + round > group.MaxSize)
        {
            plan.Warn($"max size {group.MaxSize} leaves no room for rounds of {round}: the deploy raises it to {group.DesiredCapacity + round} meanwhile and puts it back after");
        }

        if (strategy == SerialStrategy.InstanceRefresh && to.LaunchConfigurationName is not null)
        {
            plan.Problem("the instance-refresh strategy needs a launch template: use --strategy=launch-first");
        }

        var worker = kind == "Rollback" ? null : await WorkerAsync(plan, run, cancellationToken).ConfigureAwait(false);
        if (keep is not null && KeptInstances.FromTags(group.Tags) is { } older)
        {
            foreach (var id in older.Instances)
            {
                plan.Step("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} (kept in Standby from the deploy before; this deploy keeps the ones it replaces)");
            }
        }

        Suspend(plan, group, SerialDeployWorkflow.HeldProcesses, out var suspended);
        if (strategy != SerialStrategy.InstanceRefresh)
        {
            plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} LaunchTemplate/Configuration = {to.ReleaseName}");
        }

        Worker(plan, run, worker);
        var rounds = old.Chunk(strategy == SerialStrategy.FabulAws ? 1 : round).ToList();
        var max = group.MaxSize;
        switch (strategy)
        {
            case SerialStrategy.LaunchFirst:
                foreach (var (batch, index) in rounds.Select((b, i) => (b, i)))
                {
                    var desired = group.DesiredCapacity + batch.Length;
                    if (desired > max)
                    {
                        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} MaxSize {max} -> {desired} (room for round {index + 1})");
                        max = desired;
                    }

                    plan.Step("autoscaling", "SetDesiredCapacity", $"{group.Name} {group.DesiredCapacity} -> {desired} (round {index + 1} of {rounds.Count}: {batch.Length} new instance(s) of {to.ReleaseName}, then wait until they serve everywhere{(services.Target.SmokeCheck is null ? string.Empty : " and pass smoke_check")})");
                    if (keep is { } k)
                    {
                        plan.Step("autoscaling", "EnterStandby", $"{string.Join(", ", batch)} ShouldDecrementDesiredCapacity (kept {k.TotalMinutes:0} min for an instant Rollback)");
                    }
                    else
                    {
                        foreach (var id in batch)
                        {
                            plan.Step("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} ShouldDecrementDesiredCapacity (then wait until it left the load balancers)");
                        }
                    }
                }

                break;
            case SerialStrategy.FabulAws:
                foreach (var id in old)
                {
                    plan.Step("autoscaling", "SetInstanceHealth", $"{id} Unhealthy (the group replaces it; then wait until the replacement serves)");
                }

                break;
            default:
                var maxHealthy = Math.Clamp(100 + (int)Math.Ceiling(100.0 * round / Math.Max(group.DesiredCapacity, 1)), 101, 200);
                plan.Step("autoscaling", "StartInstanceRefresh", $"{group.Name} DesiredConfiguration {to.ReleaseName}, MinHealthyPercentage 100, MaxHealthyPercentage {maxHealthy}, SkipMatching");
                break;
        }

        Restore(plan, group, suspended);
        plan.Estimate = Estimate(rounds.Count, health, strategy == SerialStrategy.FabulAws ? "replacement" : "round");
        return plan;
    }

    /// <summary>Rollback: an instant one when the instances before the deploy are kept in Standby, else a serial replacement.</summary>
    public async Task<PlanReport> RollbackAsync(DeploySettings settings, IReadOnlyList<string> standby, CancellationToken cancellationToken)
    {
        if (standby.Count == 0)
        {
            return await SerialAsync(settings, "Rollback", cancellationToken).ConfigureAwait(false);
        }

        var plan = new PlanReport("Rollback");
        if (await StartAsync(plan, settings, "Rollback", cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return plan;
        }

        var group = run.Before.Group;
        plan.Ok($"instant: {standby.Count} instance(s) of {run.Release.LaunchSource} are kept in Standby ({string.Join(", ", standby)}); no launch");
        Suspend(plan, group, SerialDeployWorkflow.HeldProcesses, out var suspended);
        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} LaunchTemplate/Configuration = {run.Release.LaunchSource.ReleaseName}");
        if (group.DesiredCapacity + standby.Count > group.MaxSize)
        {
            plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} MaxSize {group.MaxSize} -> {group.DesiredCapacity + standby.Count}");
        }

        plan.Step("autoscaling", "ExitStandby", $"{string.Join(", ", standby)} (then wait until they serve)");
        foreach (var id in run.Record.OldInstances)
        {
            plan.Step("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} ShouldDecrementDesiredCapacity");
        }

        Restore(plan, group, suspended);
        plan.Estimate = "seconds: the kept instances are running already";
        return plan;
    }

    /// <summary>DeployFull, or the DeployFull that CreateEnvironment runs on what it makes first.</summary>
    /// <param name="settings">What to deploy.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="environment">With CreateEnvironment: the group it makes when there is none, and the workers it makes.</param>
    /// <returns>The plan.</returns>
    public async Task<PlanReport> FullAsync(DeploySettings settings, CancellationToken cancellationToken, PlannedEnvironment? environment = null)
    {
        const string kind = "DeployFull";
        var plan = new PlanReport(kind);
        if (await StartAsync(plan, settings, kind, cancellationToken, environment?.Group).ConfigureAwait(false) is not { } run)
        {
            return plan;
        }

        var group = run.Before.Group;
        var to = run.Release.LaunchSource;
        foreach (var process in group.SuspendedProcesses.Intersect(["Launch", "AddToLoadBalancer"]))
        {
            plan.Problem($"{process} is suspended on {group.Name}: DeployFull launches and registers instances (ResumeAutoscaling first)");
        }

        var health = await HealthChecksAsync(plan, run, cancellationToken).ConfigureAwait(false);
        var worker = await WorkerAsync(plan, run, cancellationToken, environment?.Workers).ConfigureAwait(false);
        var old = run.Before.Active.Select(i => i.InstanceId).ToList();
        var final = run.Final;
        var doubled = old.Count + final.Desired;
        Suspend(plan, group, ["Launch", .. SerialDeployWorkflow.HeldProcesses], out var suspended);
        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} LaunchTemplate/Configuration = {to.ReleaseName}");
        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} MinSize = DesiredCapacity = {doubled}, MaxSize {Math.Max(final.Max, doubled)} ({final.Desired} new instance(s) beside the {old.Count} old)");
        if (!group.SuspendedProcesses.Contains("AddToLoadBalancer"))
        {
            plan.Step("autoscaling", "SuspendProcesses", $"{group.Name} AddToLoadBalancer (the new instances stay out of the load balancers)");
        }

        plan.Step("autoscaling", "ResumeProcesses", $"{group.Name} Launch (then wait until the {final.Desired} new instance(s) are InService and answer SSH and {services.Target.StaticHtml.HealthcheckOverride})");
        var oldHosts = await run.HostsAsync(old, cancellationToken).ConfigureAwait(false);
        plan.Step("ssh", $"{oldHosts.Count} old and {final.Desired} new server(s)", $"begin_upgrade: the upgrade page into {services.UpgradePage.StaticRoot} (users see it from now: {(oldHosts.Count == 0 ? "the new ones" : string.Join(", ", oldHosts.Select(h => h.InstanceId ?? h.Address)) + " and the new ones")})");
        Worker(plan, run, worker);
        if (!group.SuspendedProcesses.Contains("HealthCheck"))
        {
            plan.Step("autoscaling", "SuspendProcesses", $"{group.Name} HealthCheck (until the old instances are gone)");
            suspended = [.. suspended, "HealthCheck"];
        }

        plan.Step("autoscaling", "ResumeProcesses", $"{group.Name} AddToLoadBalancer");
        foreach (var balancer in run.Observer.Balancers)
        {
            plan.Step("elasticloadbalancing", balancer.Kind == LoadBalancerKind.TargetGroup ? "RegisterTargets" : "RegisterInstancesWithLoadBalancer", $"{balancer.Id}: the {final.Desired} new instance(s) (then wait until they serve)");
        }

        if (old.Count > 0)
        {
            foreach (var balancer in run.Observer.Balancers)
            {
                plan.Step("elasticloadbalancing", balancer.Kind == LoadBalancerKind.TargetGroup ? "DeregisterTargets" : "DeregisterInstancesFromLoadBalancer", $"{balancer.Id}: {string.Join(", ", old)}");
            }
        }

        plan.Step("ssh", $"{final.Desired} new server(s)", "end_upgrade: the upgrade page removed (the window ends: users see the new version)");
        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} MinSize {final.Min}");
        foreach (var id in old)
        {
            plan.Step("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} ShouldDecrementDesiredCapacity");
        }

        Restore(plan, group, suspended, final);
        plan.Estimate = health is null ? null
            : $"about {Minutes(AssumedBoot + health.Value + TimeSpan.FromSeconds(30))} min (boot ~{AssumedBoot.TotalSeconds:0} s assumed + health checks {health.Value.TotalSeconds:0} s + SSH and page ~30 s), plus deploy_worker; users see the upgrade page from begin_upgrade until the new instances serve";
        return plan;
    }

    /// <summary>Reads the group and the release the way the deploy would, checking what needs checking first.</summary>
    private async Task<DeployRun?> StartAsync(PlanReport plan, DeploySettings settings, string kind, CancellationToken cancellationToken, AutoScalingGroup? planned = null)
    {
        DeployRun run;
        try
        {
            run = await DeployRun.StartAsync(services, kind, settings, cancellationToken, plan: true, planned).ConfigureAwait(false);
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
            return null;
        }

        var group = run.Before.Group;
        plan.Ok($"group {group.Name}: min {group.MinSize}, max {group.MaxSize}, desired {group.DesiredCapacity}; {group.LaunchSource?.ToString() ?? "no launch source"}; {run.Before.Active.Count()} active instance(s); to deploy: {run.Release.LaunchSource} ({run.Release.Commit})");
        if (services.Target.IsProduction && settings.Confirm != services.Target.Environment)
        {
            plan.Warn($"{services.Target.Environment} is a production environment: the run asks for its name at a terminal, or needs --confirm={services.Target.Environment}");
        }

        if (services.Target.LaunchType == LaunchType.LaunchConfiguration)
        {
            plan.Warn("launch_type: launch_configuration: AWS no longer lets new accounts create launch configurations (since 1 October 2024) and has stopped adding features to them; CreateLaunchConfig fails in such an account. Move the group to a launch template.");
        }

        try
        {
            if (DeployRun.PinTarget(run.Before) is { } pinned)
            {
                plan.Warn($"group {group.Name} follows {group.LaunchSource!.LaunchTemplateVersion}: the deploy first pins it to version {pinned.LaunchTemplateVersion}, which its instances run, so that a rollback returns to it");
                plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} LaunchTemplate = {pinned.ReleaseName} (pinned)");
            }
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
        }

        return run;
    }

    /// <summary>Checks each load balancer's health check against the wait deadlines; returns the longest time to healthy.</summary>
    private async Task<TimeSpan?> HealthChecksAsync(PlanReport plan, DeployRun run, CancellationToken cancellationToken)
    {
        TimeSpan? longest = null;
        var timeouts = services.Target.Timeouts;
        foreach (var balancer in run.Observer.Balancers)
        {
            var check = await services.Aws.LoadBalancing.GetHealthCheckAsync(balancer, cancellationToken).ConfigureAwait(false);
            longest = longest is { } l && l > check.TimeToHealthy ? l : check.TimeToHealthy;
            var text = $"{balancer.Id}: health check every {check.IntervalSeconds} s, healthy after {check.HealthyThreshold} ({check.TimeToHealthy.TotalSeconds:0} s)";
            if (check.TimeToHealthy >= timeouts.InstanceHealthy)
            {
                plan.Problem($"{text}, which is not less than timeouts.instance_healthy ({timeouts.InstanceHealthy.TotalSeconds:0} s): every new instance would time out. Raise the timeout or shorten the health check.");
            }
            else if (run.Before.Group.HealthCheckType == "ELB" && TimeSpan.FromSeconds(run.Before.Group.HealthCheckGracePeriod) < check.TimeToHealthy + AssumedBoot)
            {
                plan.Warn($"{text}, but the group's grace period is {run.Before.Group.HealthCheckGracePeriod} s: with ELB health checks the group may replace new instances before they can be healthy (a boot of ~{AssumedBoot.TotalSeconds:0} s plus {check.TimeToHealthy.TotalSeconds:0} s). Raise HealthCheckGracePeriod.");
            }
            else
            {
                plan.Ok(text);
            }
        }

        return longest;
    }

    private async Task<RemoteHost?> WorkerAsync(PlanReport plan, DeployRun run, CancellationToken cancellationToken, IReadOnlyList<RemoteHost>? plannedWorkers = null)
    {
        try
        {
            var worker = plannedWorkers is null ? await SerialDeployWorkflow.FindWorkerAsync(run, cancellationToken).ConfigureAwait(false)
                : services.Target.DeployWorkerCommands.Count == 0 ? null
                : DeployWorkerWorkflow.Pick(plannedWorkers, services.DeployWorker(run.Release.Commit));
            plan.Ok(worker is null ? "no deploy_worker_commands: no worker needed" : $"deploy_worker runs on {worker}");
            return worker;
        }
        catch (CakeException e)
        {
            plan.Problem(e.Message);
            return null;
        }
    }

    private void Worker(PlanReport plan, DeployRun run, RemoteHost? worker)
    {
        if (worker is null)
        {
            return;
        }

        foreach (var command in WorkerCommands.For(services.DeployWorker(run.Release.Commit)))
        {
            plan.Step("ssh", worker.InstanceId ?? worker.Address, $"deploy_worker: {command.RenderSafe()}");
        }
    }

    private static void Suspend(PlanReport plan, AutoScalingGroup group, IEnumerable<string> processes, out IReadOnlyList<string> suspended)
    {
        suspended = [.. processes.Except(group.SuspendedProcesses)];
        if (suspended.Count > 0)
        {
            plan.Step("autoscaling", "SuspendProcesses", $"{group.Name} {string.Join(", ", suspended)}");
        }
    }

    private static void Restore(PlanReport plan, AutoScalingGroup group, IReadOnlyList<string> suspended, GroupSizes? final = null)
    {
        plan.Step("autoscaling", "UpdateAutoScalingGroup", $"{group.Name} MinSize {final?.Min ?? group.MinSize}, MaxSize {final?.Max ?? group.MaxSize}, DesiredCapacity {final?.Desired ?? group.DesiredCapacity} (as before)");
        var resumed = suspended.Except(["Launch", "AddToLoadBalancer"]).ToList();
        if (resumed.Count > 0)
        {
            plan.Step("autoscaling", "ResumeProcesses", $"{group.Name} {string.Join(", ", resumed)} (only what the deploy suspended)");
        }
    }

    private static string? Estimate(int rounds, TimeSpan? health, string unit) => health is not { } h ? null
        : $"about {Minutes(rounds * (AssumedBoot + h + TimeSpan.FromSeconds(10)))} min: {rounds} {unit}(s) x (boot ~{AssumedBoot.TotalSeconds:0} s assumed + health checks {h.TotalSeconds:0} s + drain), plus deploy_worker";

    private static string Minutes(TimeSpan span) => (span.TotalMinutes < 1 ? 1 : Math.Ceiling(span.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What CreateEnvironment makes before its DeployFull, for that DeployFull's plan.</summary>
/// <param name="Group">The group it creates, empty; null when the group exists.</param>
/// <param name="Workers">The worker servers it creates (placeholders named by their role), where deploy_worker would run.</param>
internal sealed record PlannedEnvironment(AutoScalingGroup? Group, IReadOnlyList<RemoteHost> Workers);
