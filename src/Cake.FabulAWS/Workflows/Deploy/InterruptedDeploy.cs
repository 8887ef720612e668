using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// A deploy that a killed run left behind (its record is still on the group's tags). Before a changing target does
/// its own work, the deploy is finished forward when going back would be worse (old instances already terminated,
/// or deploy_worker ran in a full deploy) and rolled back otherwise; either way the group ends with one launch
/// source, its original sizes, the processes as before and no upgrade page.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class InterruptedDeploy(EnvironmentServices services)
{
    private ICakeLog Log => services.Log;

    /// <summary>Finds an interrupted deploy and resolves it.</summary>
    /// <param name="what">The target about to run, for the messages.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done, or null when nothing was interrupted.</returns>
    public async Task<string?> ResolveAsync(string what, CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(services.Target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        if (group is null || DeployRecord.FromTags(group.Tags) is not { } record)
        {
            return null;
        }

        var parts = Safety.TagChunks.Keys(DeployRecord.TagPrefix, group.Tags).Count;

        // an old instance no longer in service was terminated (or kept in Standby), even if the run was killed before noting it
        var active = group.Instances.Where(i => i.LifecycleState is "Pending" or "Pending:Wait" or "Pending:Proceed" or "InService").Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        record = record with { Terminated = [.. record.Terminated.Union(record.OldInstances.Where(id => !active.Contains(id)))] };
        var (forward, why) = Decide(record);
        Log.Warning(
            "Found an interrupted {0} of {1} to {2}, started {3:u} by {4}, stopped in phase '{5}' ({6} instance(s) launched, {7} of {8} old instance(s) terminated{9}).",
            record.Kind, Short(record.Commit), record.NewSource, record.Started, record.Holder, record.Phase, record.Launched.Count,
            record.Terminated.Intersect(record.OldInstances).Count(), record.OldInstances.Count, record.WorkerRan ? ", deploy_worker ran" : string.Empty);
        Log.Warning("{0} before {1}: {2}.", forward ? "Finishing the interrupted deploy" : "Rolling the interrupted deploy back", what, why);
        var run = await DeployRun.ResumeAsync(services, record, parts, cancellationToken).ConfigureAwait(false);
        var restore = new GroupRestore(run, record.SuspendedByDeploy);
        var outcome = await run.Phases.RunAsync(forward ? $"Finish the interrupted {record.Kind}" : $"Roll back the interrupted {record.Kind}", () => forward
            ? ForwardAsync(run, restore, record, cancellationToken)
            : BackAsync(run, restore, record, cancellationToken)).ConfigureAwait(false);
        await run.Journal.ClearAsync(cancellationToken).ConfigureAwait(false);
        await new DeployHistory(services).AddAsync(record.Kind, record.Commit, record.OldSource, record.NewSource, forward ? "finished after an interruption" : "rolled back after an interruption", cancellationToken).ConfigureAwait(false);
        Log.Information("{0}", outcome);
        return outcome;
    }

    /// <summary>Forward or back, and why.</summary>
    internal static (bool Forward, string Why) Decide(DeployRecord record)
    {
        var oldGone = record.Terminated.Intersect(record.OldInstances).Count();
        return record.Phase switch
        {
            "rollback" => (false, "its own rollback had started"),
            "forward" => (true, "finishing it had started"),
            _ when oldGone > 0 => (true, $"{oldGone} old instance(s) were already terminated, so going back would mean replacing the new instances again"),
            _ when record.Kind == "DeployFull" && record.WorkerRan => (true, "deploy_worker had run, so the schema may be migrated and the old version may not work with it"),
            _ when record.WorkerRan => (false, "no old instance was terminated yet (deploy_worker had run: serial deploys need changes the old code can live with)"),
            _ => (false, "no old instance was terminated yet and deploy_worker had not run: the old version still serves at full capacity"),
        };
    }

    private async Task<string> ForwardAsync(DeployRun run, GroupRestore restore, DeployRecord record, CancellationToken cancellationToken)
    {
        await run.SaveAsync("forward", cancellationToken: cancellationToken).ConfigureAwait(false);
        var desired = record.Sizes[2];
        await PrepareAsync(run, restore, record.NewSource, cancellationToken).ConfigureAwait(false);
        var view = await run.Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var old = view.Active.Where(i => record.OldInstances.Contains(i.InstanceId)).Select(i => i.InstanceId).ToList();
        var fresh = view.Active.Where(i => !record.OldInstances.Contains(i.InstanceId)).Select(i => i.InstanceId).ToList();
        if (fresh.Count > 0)
        {
            // a full deploy launched them with AddToLoadBalancer suspended: AWS does not add them later by itself
            if (record.Kind == "DeployFull")
            {
                await FullDeployWorkflow.RegisterAsync(run, restore, fresh, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await run.WaitServingAsync(fresh, cancellationToken).ConfigureAwait(false);
            }
        }

        // the new instances that serve already stand for as many old ones; the rest are replaced in rounds
        var surplus = old.Take(Math.Max(0, Math.Min(old.Count, old.Count + fresh.Count - desired))).ToList();
        await TerminateAsync(run, surplus, record, cancellationToken).ConfigureAwait(false);
        var remaining = old.Except(surplus).ToList();
        if (remaining.Count > 0)
        {
            await new RollingReplacement(run, restore, new SmokeChecks(run)).RunAsync(record.NewSource, remaining, services.Target.Serial.RoundSize(desired), "Replace", cancellationToken).ConfigureAwait(false);
        }

        await FinishAsync(run, restore, record, cancellationToken).ConfigureAwait(false);
        return $"The interrupted {record.Kind} is finished: the group serves {record.NewSource} ({Short(record.Commit)}) at its original capacity ({desired}); {surplus.Count + remaining.Count} old instance(s) replaced now.";
    }

    private async Task<string> BackAsync(DeployRun run, GroupRestore restore, DeployRecord record, CancellationToken cancellationToken)
    {
        await run.SaveAsync("rollback", cancellationToken: cancellationToken).ConfigureAwait(false);
        var desired = record.Sizes[2];
        var from = record.OldSource ?? throw new CakeException($"The interrupted {record.Kind} did not record the launch source it started from, so it cannot be rolled back: point the group at the old launch source by hand, then run {record.Kind} again.");
        await PrepareAsync(run, restore, from, cancellationToken).ConfigureAwait(false);
        var view = await run.Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var old = view.Active.Where(i => record.OldInstances.Contains(i.InstanceId)).Select(i => i.InstanceId).ToList();
        if (record.OldDeregistered && old.Count > 0)
        {
            foreach (var balancer in run.Observer.Balancers)
            {
                await services.Aws.LoadBalancing.RegisterAsync(balancer, old, cancellationToken).ConfigureAwait(false);
            }

            await run.WaitServingAsync(old, cancellationToken).ConfigureAwait(false);
        }

        var fresh = view.Active.Where(i => !record.OldInstances.Contains(i.InstanceId)).ToList();
        var missing = Math.Max(0, desired - old.Count);
        var keep = fresh.Where(i => i.Serves).Take(missing).Select(i => i.InstanceId).ToList();
        await TerminateAsync(run, fresh.Select(i => i.InstanceId).Except(keep).ToList(), record, cancellationToken).ConfigureAwait(false);
        if (keep.Count > 0)
        {
            // old instances were terminated by a rollback that was itself interrupted: replace the new ones that serve
            await new RollingReplacement(run, restore, new SmokeChecks(run)).RunAsync(from, keep, services.Target.Serial.RoundSize(desired), "Roll back", cancellationToken).ConfigureAwait(false);
        }

        await FinishAsync(run, restore, record, cancellationToken).ConfigureAwait(false);
        return $"The interrupted {record.Kind} is rolled back: the group serves {from} at its original capacity ({desired}); {fresh.Count} instance(s) of {record.NewSource} removed.";
    }

    /// <summary>Launch and AddToLoadBalancer resumed if the deploy held them, the group on one launch source, min back.</summary>
    private async Task PrepareAsync(DeployRun run, GroupRestore restore, LaunchSource source, CancellationToken cancellationToken)
    {
        await restore.ResumeAsync(["Launch", "AddToLoadBalancer"], cancellationToken).ConfigureAwait(false);
        await services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(run.GroupName) { LaunchSource = source, MinSize = run.Before.Group.MinSize }, cancellationToken).ConfigureAwait(false);
        Log.Information("  group {0} launches {1}, min size {2}", run.GroupName, source, run.Before.Group.MinSize);
    }

    private static async Task TerminateAsync(DeployRun run, IReadOnlyList<string> ids, DeployRecord record, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        if (record.Kind == "DeployFull" || record.OldDeregistered)
        {
            foreach (var balancer in run.Observer.Balancers)
            {
                await run.Services.Aws.LoadBalancing.DeregisterAsync(balancer, ids, cancellationToken).ConfigureAwait(false);
            }
        }

        await run.TerminateAsync(ids, cancellationToken).ConfigureAwait(false);
        await run.SaveAsync(run.Record.Phase, cancellationToken: cancellationToken).ConfigureAwait(false);
        await run.WaitGoneAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sizes and processes as before, and no upgrade page on the instances left.</summary>
    private async Task FinishAsync(DeployRun run, GroupRestore restore, DeployRecord record, CancellationToken cancellationToken)
    {
        await restore.RestoreAsync(cancellationToken).ConfigureAwait(false);
        if (record.UpgradePage)
        {
            var view = await run.Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var hosts = await run.HostsAsync(view.Active.Select(i => i.InstanceId), cancellationToken).ConfigureAwait(false);
            await new UpgradePageWorkflow(services.Remote, services.Files, Log).EndAsync(hosts, services.UpgradePage, cancellationToken).ConfigureAwait(false);
            Log.Information("  upgrade page removed from {0} instance(s)", hosts.Count);
        }
    }

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
