using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// Rollback: back to the launch source the group had before the deploy that made what it launches now (from the
/// group's history), by a serial replacement without deploy_worker. Each Rollback goes one deploy further back.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class RollbackWorkflow(EnvironmentServices services)
{
    public async Task<DeployResult> RunAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var (release, standby) = await FindAsync(cancellationToken).ConfigureAwait(false);
        return standby.Count > 0
            ? await InstantAsync(settings with { Release = release }, standby, cancellationToken).ConfigureAwait(false)
            : await new SerialDeployWorkflow(services).RunAsync(settings with { Release = release }, cancellationToken, "Rollback").ConfigureAwait(false);
    }

    /// <summary>What a Rollback would do, without doing it.</summary>
    public async Task<Plan.PlanReport> PlanAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        LaunchConfigResult release;
        IReadOnlyList<string> standby;
        try
        {
            (release, standby) = await FindAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CakeException e)
        {
            var refused = new Plan.PlanReport("Rollback");
            refused.Problem(e.Message);
            return refused;
        }

        return await new Plan.DeployPlanner(services).RollbackAsync(settings with { Release = release }, standby, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release before the deploy that made what the group launches, and its instances kept in Standby (if any).</summary>
    private async Task<(LaunchConfigResult Release, IReadOnlyList<string> Standby)> FindAsync(CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(services.Target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false)
            ?? throw new CakeException($"Auto Scaling group '{services.Target.AutoScalingGroupName}' not found in {services.Target.Region}: check auto_scaling_groups in fabulaws-config.yml.");
        var history = DeployHistory.FromTags(group.Tags);
        var last = history.FirstOrDefault(e => e.Kind != "Rollback" && e.Result is DeployHistoryEntry.Succeeded or "finished after an interruption" && LaunchSources.Same(e.To, group.LaunchSource))
            ?? throw new CakeException($"Rollback needs the deploy that made {group.LaunchSource?.ToString() ?? "what the group launches"}, and the group's history of its last {DeployHistory.Kept} deploys has none"
                + $"{(history.Count == 0 ? string.Empty : $" (it has: {string.Join("; ", history.Select(e => $"{e.Kind} of {e.To.ReleaseName} {e.Result}"))})")}. "
                + "Deploy the release to go back to instead: DeploySerial --launch-config=NAME. Nothing was changed.");
        var previous = last.From ?? throw new CakeException($"The {last.Kind} of {last.To.ReleaseName} did not record what the group launched before it. Deploy the release to go back to with DeploySerial --launch-config=NAME. Nothing was changed.");
        var commit = history.FirstOrDefault(e => LaunchSources.Same(e.To, previous))?.Commit ?? await CommitOfAsync(previous, cancellationToken).ConfigureAwait(false);
        services.Log.Information("Rollback of {0}/{1}: the group launches {2} since the {3} of {4:u} by {5}; back to {6} ({7}).",
            services.Target.Deployment, services.Target.Environment, last.To, last.Kind, last.Ended, last.Holder, previous, commit);
        var kept = KeptInstances.FromTags(group.Tags);
        var standby = kept is not null && LaunchSources.Same(kept.Source, previous) && kept.Until > services.Time.GetUtcNow()
            ? group.Instances.Where(i => kept.Instances.Contains(i.InstanceId) && i.LifecycleState == "Standby").Select(i => i.InstanceId).ToList()
            : [];
        return (new LaunchConfigResult(previous.ReleaseName, commit, string.Empty, string.Empty, previous), standby);
    }

    /// <summary>
    /// The instances the deploy replaced are still in Standby: bring them back, wait until they serve, then remove the
    /// new ones. The record says "forward" from the start: a run killed halfway is finished the same way.
    /// </summary>
    private async Task<DeployResult> InstantAsync(DeploySettings settings, IReadOnlyList<string> standby, CancellationToken cancellationToken)
    {
        var run = await DeployRun.StartAsync(services, "Rollback", settings, cancellationToken).ConfigureAwait(false);
        var previous = run.Release.LaunchSource;
        var current = run.Record.OldInstances;
        var restore = new GroupRestore(run);
        services.Log.Information("Instant rollback: {0} instance(s) of {1} are in Standby ({2}); they come back and the {3} of the new version go.", standby.Count, previous, string.Join(", ", standby), current.Count);
        run.NoteLaunched(standby);
        await run.SaveAsync("forward", cancellationToken: cancellationToken).ConfigureAwait(false);
        await run.Phases.RunAsync("Suspend " + string.Join(", ", SerialDeployWorkflow.HeldProcesses), () => restore.SuspendAsync(SerialDeployWorkflow.HeldProcesses, cancellationToken)).ConfigureAwait(false);
        await run.Phases.RunAsync($"Point the group at {previous}", () => SerialDeployWorkflow.PointAsync(run, previous, cancellationToken)).ConfigureAwait(false);
        await run.Phases.RunAsync("Bring the kept instances back", () => run.ExitStandbyAsync(standby, restore, cancellationToken)).ConfigureAwait(false);
        await run.Phases.RunAsync($"Remove the {current.Count} instance(s) of the new version", async () =>
        {
            await run.TerminateAsync(current, cancellationToken).ConfigureAwait(false);
            await run.SaveAsync("forward", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.WaitGoneAsync(current, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await run.Phases.RunAsync("Restore sizes and processes", () => restore.RestoreAsync(cancellationToken)).ConfigureAwait(false);
        await new KeptInstances(services).ClearAsync(cancellationToken).ConfigureAwait(false);
        await run.Journal.ClearAsync(cancellationToken).ConfigureAwait(false);
        await run.RecordOutcomeAsync(DeployHistoryEntry.Succeeded).ConfigureAwait(false);
        var result = new DeployResult(run.Kind, run.Release.Commit, previous, [.. standby], [.. run.Terminated], run.Phases.Phases, run.Phases.Elapsed);
        foreach (var line in result.Summary)
        {
            services.Log.Information("{0}", line);
        }

        return result;
    }

    private async Task<string> CommitOfAsync(Ports.LaunchSource source, CancellationToken cancellationToken)
    {
        try
        {
            return (await new Releases(services).FindAsync(source.ReleaseName, cancellationToken).ConfigureAwait(false)).Commit;
        }
        catch (CakeException)
        {
            return "commit unknown"; // a launch source CreateLaunchConfig did not make: the rollback does not need it
        }
    }
}
