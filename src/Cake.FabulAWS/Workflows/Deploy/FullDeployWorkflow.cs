using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// DeployFull, FabulAWS's downtime deploy for changes the old code cannot live with: the group doubled with new
/// instances kept out of the load balancers, the upgrade page shown just before deploy_worker, the new instances
/// registered and healthy, the page gone from them (the window ends), the old ones terminated, sizes and processes
/// exactly as they were. A failure before the old instances go rolls back to them.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class FullDeployWorkflow(EnvironmentServices services)
{
    public async Task<DeployResult> RunAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var run = await DeployRun.StartAsync(services, "DeployFull", settings, cancellationToken).ConfigureAwait(false);
        var before = run.Before.Group;
        var from = before.LaunchSource ?? throw new CakeException($"Group {before.Name} has no launch source to roll back to.");
        var to = run.Release.LaunchSource;
        if (before.SuspendedProcesses.Contains("Launch") || before.SuspendedProcesses.Contains("AddToLoadBalancer"))
        {
            throw new CakeException($"DeployFull launches instances and registers them, but {string.Join(" and ", before.SuspendedProcesses.Intersect(["Launch", "AddToLoadBalancer"]))} is suspended on {before.Name}: resume it first (ResumeAutoscaling). Nothing was changed.");
        }

        var worker = await SerialDeployWorkflow.FindWorkerAsync(run, cancellationToken).ConfigureAwait(false);
        var restore = new GroupRestore(run);
        var page = new UpgradePageWorkflow(services.Remote, services.Files, services.Log);
        var old = run.Before.Active.Select(i => i.InstanceId).ToList();
        var fresh = new List<string>();
        var oldGoing = false;
        var final = run.Final;
        services.Log.Information("DeployFull of {0}/{1}: {2} ({3}); {4} instance(s) to replace, with downtime behind the upgrade page.", services.Target.Deployment, services.Target.Environment, to, run.Release.Commit, old.Count);
        if (run.IsEmptyGroup)
        {
            services.Log.Information("Group {0} has no instances: it gets {1} (group_settings: min {2}, max {3}, desired {1}).", before.Name, final.Desired, final.Min, final.Max);
        }
        try
        {
            await run.Phases.RunAsync("Wait for a settled group", () => run.WaitSettledAsync(cancellationToken)).ConfigureAwait(false);
            await run.SaveAsync("launch", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Suspend Launch", () => restore.SuspendAsync(["Launch", .. SerialDeployWorkflow.HeldProcesses], cancellationToken)).ConfigureAwait(false);
            await run.Phases.RunAsync($"Point the group at {to}", () => SerialDeployWorkflow.PointAsync(run, to, cancellationToken)).ConfigureAwait(false);
            var doubled = old.Count + final.Desired;
            await run.Phases.RunAsync(run.IsEmptyGroup ? $"Grow the group to {doubled}" : $"Double the group to {doubled}", async () =>
            {
                await services.Aws.AutoScalingGroups.UpdateGroupAsync(
                    new GroupUpdate(before.Name) { MinSize = doubled, DesiredCapacity = doubled, MaxSize = Math.Max(final.Max, doubled) }, cancellationToken).ConfigureAwait(false);
                await restore.SuspendAsync(["AddToLoadBalancer"], cancellationToken).ConfigureAwait(false);
                await restore.ResumeAsync(["Launch"], cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var known = run.Before.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var launched = await run.Phases.RunAsync($"Wait for {final.Desired} new instance(s)", () =>
                run.WaitForNewAsync(known, final.Desired, to, $"{final.Desired} new instance(s) of {to} InService", i => i.Lifecycle == "InService" && i.GroupHealth == "Healthy", cancellationToken)).ConfigureAwait(false);
            fresh.AddRange(launched.Select(i => i.InstanceId));
            var newHosts = await run.HostsAsync(fresh, cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Check the new instances answer", () => new InstanceReadiness(run).WaitAsync(newHosts, cancellationToken)).ConfigureAwait(false);

            var allHosts = await run.HostsAsync(old.Concat(fresh), cancellationToken).ConfigureAwait(false);
            await run.SaveAsync("upgrade page", r => r with { UpgradePage = true }, cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Show the upgrade page", () => page.BeginAsync(allHosts, services.UpgradePage, cancellationToken)).ConfigureAwait(false);
            await run.Phases.RunAsync("deploy_worker", () => SerialDeployWorkflow.WorkerAsync(run, worker, cancellationToken)).ConfigureAwait(false);
            await run.SaveAsync("register", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Register the new instances", () => RegisterAsync(run, restore, fresh, cancellationToken)).ConfigureAwait(false);
            await run.Phases.RunAsync("Take the old instances out of the load balancers", async () =>
            {
                if (old.Count == 0)
                {
                    services.Log.Information("  no old instances");
                    return;
                }

                await run.SaveAsync("old out", r => r with { OldDeregistered = true }, cancellationToken).ConfigureAwait(false);
                foreach (var balancer in run.Observer.Balancers)
                {
                    await services.Aws.LoadBalancing.DeregisterAsync(balancer, old, cancellationToken).ConfigureAwait(false);
                }

                await WaitOutOfBalancersAsync(run, old, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

            // the window ends: the new instances serve the new version, and only they are in the load balancers
            await run.Phases.RunAsync("Take the upgrade page down from the new instances", () => page.EndAsync(newHosts, services.UpgradePage, cancellationToken)).ConfigureAwait(false);
            await new SmokeChecks(run).InstancesAsync(newHosts, cancellationToken).ConfigureAwait(false);

            oldGoing = true;
            await run.SaveAsync("terminate old", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync($"Terminate the {old.Count} old instance(s)", async () =>
            {
                await services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(before.Name) { MinSize = final.Min }, cancellationToken).ConfigureAwait(false);
                await run.TerminateAsync(old, cancellationToken).ConfigureAwait(false);
                await run.SaveAsync("terminate old", cancellationToken: cancellationToken).ConfigureAwait(false);
                await run.WaitGoneAsync(old, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await run.Phases.RunAsync("Restore sizes and processes", () => restore.RestoreAsync(final, cancellationToken)).ConfigureAwait(false);
            await new SmokeChecks(run).SiteAsync(cancellationToken).ConfigureAwait(false);
            await run.Journal.ClearAsync(cancellationToken).ConfigureAwait(false);
            await run.RecordOutcomeAsync(DeployHistoryEntry.Succeeded).ConfigureAwait(false);
            var result = new DeployResult(run.Kind, run.Release.Commit, to, [.. run.Launched], [.. run.Terminated], run.Phases.Phases, run.Phases.Elapsed);
            foreach (var line in result.Summary)
            {
                services.Log.Information("{0}", line);
            }

            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failedAt = run.Phases.Current ?? "the start";
            var stopped = cancellationToken.IsCancellationRequested;
            services.Log.Error(stopped ? "DeployFull was stopped at '{0}': cleaning up." : "DeployFull failed at '{0}': {1}", failedAt, e.Message);
            var outcome = oldGoing
                ? await FinishForwardAsync(run, restore, page).ConfigureAwait(false)
                : await RollBackAsync(run, restore, page, from, old).ConfigureAwait(false);
            var back = outcome.StartsWith("Rolled back", StringComparison.Ordinal);
            await run.RecordOutcomeAsync($"{(stopped ? "stopped" : "failed")} at '{failedAt}', {(oldGoing ? "finished forward" : back ? "rolled back" : "rollback incomplete")}").ConfigureAwait(false);
            var how = oldGoing ? "was finished forward" : back ? "was rolled back" : "its rollback stopped";
            foreach (var line in DeployResult.AfterFailure(run.Kind, $"{(stopped ? "stopped" : "failed")} at '{failedAt}' and {how}", oldGoing ? to : back ? from : null, run))
            {
                services.Log.Information("{0}", line);
            }

            if (stopped)
            {
                services.Log.Warning("{0}", outcome);
                throw new OperationCanceledException($"DeployFull was stopped at '{failedAt}'. {outcome}", e, cancellationToken);
            }

            var migrated = run.Record.WorkerRan ? " deploy_worker had run: the schema may already be migrated; check it before the old version serves real traffic for long." : string.Empty;
            throw new CakeException($"DeployFull failed at '{failedAt}': {e.Message}\n{outcome}{migrated}", e);
        }
    }

    /// <summary>
    /// Registers instances launched while AddToLoadBalancer was suspended (AWS does not add them later) and waits until
    /// they serve. The group's health checks are suspended from here until the restore at the end: its grace period
    /// may be over by now, a classic ELB reports an instance whose registration is in progress as OutOfService, and the
    /// old instances, once out of the load balancers, must not be replaced while a rollback may still need them.
    /// </summary>
    internal static async Task RegisterAsync(DeployRun run, GroupRestore restore, IReadOnlyList<string> fresh, CancellationToken cancellationToken)
    {
        await restore.SuspendAsync(["HealthCheck"], cancellationToken).ConfigureAwait(false);
        await restore.ResumeAsync(["AddToLoadBalancer"], cancellationToken).ConfigureAwait(false);
        foreach (var balancer in run.Observer.Balancers)
        {
            await run.Services.Aws.LoadBalancing.RegisterAsync(balancer, fresh, cancellationToken).ConfigureAwait(false);
        }

        await run.WaitServingAsync(fresh, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Before the old instances go: the new ones terminated, the old launch source, sizes and processes back, no upgrade page.</summary>
    private static async Task<string> RollBackAsync(DeployRun run, GroupRestore restore, UpgradePageWorkflow page, LaunchSource from, IReadOnlyList<string> old)
    {
        using var deadline = new CancellationTokenSource(run.Target.Timeouts.Deploy);
        var token = deadline.Token;
        var done = new List<string>();
        try
        {
            await run.SaveAsync("rollback", cancellationToken: token).ConfigureAwait(false);
            await SerialDeployWorkflow.PointAsync(run, from, token).ConfigureAwait(false);
            done.Add($"the group is back on {from}");
            var before = run.Before.Group;
            var view = await run.Observer.ObserveAsync(run.Launched, token).ConfigureAwait(false);
            var launched = view.Instances.Where(i => i.IsActive && !old.Contains(i.InstanceId)).Select(i => i.InstanceId).ToList();

            // low enough that each new instance can go with a decrement, whatever the group launched meanwhile
            var min = Math.Min(before.MinSize, Math.Max(0, view.Group.DesiredCapacity - launched.Count));
            await run.Services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(before.Name) { MinSize = min }, token).ConfigureAwait(false);
            if (run.Record.OldDeregistered)
            {
                foreach (var balancer in run.Observer.Balancers)
                {
                    await run.Services.Aws.LoadBalancing.RegisterAsync(balancer, old, token).ConfigureAwait(false);
                }

                done.Add("the old instances are back in the load balancers");
            }

            await run.TerminateAsync(launched, token).ConfigureAwait(false);
            if (launched.Count > 0)
            {
                done.Add($"terminated the new instances ({string.Join(", ", launched)})");
            }

            if (run.Record.OldDeregistered)
            {
                // before the group's health checks resume: a registration in progress looks unhealthy to it
                await run.WaitServingAsync(old, token).ConfigureAwait(false);
                done.Add("the old instances serve again");
            }

            await restore.RestoreAsync(token).ConfigureAwait(false);
            done.Add("sizes and processes restored");
            await run.WaitGoneAsync(launched, token).ConfigureAwait(false);
            if (run.Record.UpgradePage)
            {
                await page.EndAsync(await run.HostsAsync(old, token).ConfigureAwait(false), run.Services.UpgradePage, token).ConfigureAwait(false);
                done.Add("the upgrade page is down");
            }

            await run.Journal.ClearAsync(token).ConfigureAwait(false);
            return $"Rolled back: {string.Join("; ", done)}. The old instances ({string.Join(", ", old)}) serve {from} again.";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            run.Log.Error("The rollback failed too: {0}", e.Message);
            return $"The rollback stopped too ({e.Message}) after: {string.Join("; ", done.DefaultIfEmpty("nothing"))}. The deploy's record stays on the group's tags; run DeployFull again to finish or roll it back.";
        }
    }

    /// <summary>
    /// Waits until no load balancer sends the old instances new requests: gone, or draining in a target group (ELBv2
    /// stops routing to a deregistering target at once; the drain, up to the deregistration delay, is waited for when
    /// they are terminated, after the window). A classic ELB reports a draining instance InService, so there the
    /// wait lasts until it is gone.
    /// </summary>
    private static Task WaitOutOfBalancersAsync(DeployRun run, IReadOnlyList<string> ids, CancellationToken cancellationToken) => run.Services.Waits.UntilAsync(
        new Waiting.Wait<GroupView>($"{string.Join(", ", ids)} to get no more requests from the load balancers", run.Target.Timeouts.InstanceDrained, ct => run.Observer.ObserveAsync(ids, ct),
            v => ids.All(id => v.Find(id) is not { } i || i.Balancers.Values.All(h => h.Health is BackendHealth.NotRegistered or BackendHealth.Draining)))
        {
            Describe = v => v.Describe(ids),
            Poll = run.Target.Timeouts.Poll,
            DeadlineSetting = "timeouts.instance_drained",
        },
        cancellationToken);

    /// <summary>After the old instances started to go there is no way back: restore sizes and processes and take the page down.</summary>
    private static async Task<string> FinishForwardAsync(DeployRun run, GroupRestore restore, UpgradePageWorkflow page)
    {
        using var deadline = new CancellationTokenSource(run.Target.Timeouts.Deploy);
        try
        {
            await restore.RestoreAsync(run.Final, deadline.Token).ConfigureAwait(false);
            var view = await run.Observer.ObserveAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            await page.EndAsync(await run.HostsAsync(view.Active.Select(i => i.InstanceId), deadline.Token).ConfigureAwait(false), run.Services.UpgradePage, deadline.Token).ConfigureAwait(false);
            await run.Journal.ClearAsync(deadline.Token).ConfigureAwait(false);
            return $"The old instances were already being terminated, so the deploy was finished forward: the new version serves, sizes and processes restored, no upgrade page.";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"Finishing forward stopped too ({e.Message}). The deploy's record stays on the group's tags; run DeployFull again to finish it.";
        }
    }
}
