using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// DeploySerial, the rolling deploy without downtime: processes that change the group's size suspended, the group
/// pointed at the new launch source, deploy_worker first (migrations before the web tier changes), then the instances
/// replaced by the strategy; on failure everything rolls back to the old version at the original capacity.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class SerialDeployWorkflow(EnvironmentServices services)
{
    /// <summary>The processes suspended for the whole deploy, so nothing else changes the group's size meanwhile.</summary>
    public static readonly IReadOnlyList<string> HeldProcesses = ["AZRebalance", "AlarmNotification", "ScheduledActions"];

    /// <summary>Deploys; <paramref name="kind"/> Rollback replaces the instances the same way but never runs deploy_worker.</summary>
    public async Task<DeployResult> RunAsync(DeploySettings settings, CancellationToken cancellationToken, string kind = "DeploySerial")
    {
        var run = await DeployRun.StartAsync(services, kind, settings, cancellationToken).ConfigureAwait(false);
        var strategy = settings.Strategy ?? services.Target.Serial.Strategy;
        var from = run.Before.Group.LaunchSource;
        var to = run.Release.LaunchSource;
        var old = run.Record.OldInstances;
        services.Log.Information("{0} of {1}/{2}: {3} ({4}) with {5}; {6} of {7} instance(s) to replace.", kind, services.Target.Deployment, services.Target.Environment, to, run.Release.Commit, strategy, old.Count, run.Before.Active.Count());
        if (old.Count == 0 && LaunchSources.Same(from, to))
        {
            services.Log.Information("Every instance already runs {0}: nothing to change.", to);
            return Result(run, to);
        }

        var worker = kind == "Rollback" ? null : await FindWorkerAsync(run, cancellationToken).ConfigureAwait(false);
        var restore = new GroupRestore(run);
        var keepUntil = strategy == SerialStrategy.LaunchFirst && kind != "Rollback" && services.Target.KeepPrevious is { } keep ? services.Time.GetUtcNow() + keep : (DateTimeOffset?)null;
        var rolling = new RollingReplacement(run, restore, new SmokeChecks(run), keepUntil);
        var pointed = false;
        try
        {
            await run.Phases.RunAsync("Wait for a settled group", () => run.WaitSettledAsync(cancellationToken)).ConfigureAwait(false);
            if (keepUntil is not null && await new KeptInstances(services).ReadAsync(cancellationToken).ConfigureAwait(false) is { } older)
            {
                // this deploy keeps the instances it replaces; the ones kept before run an older version still
                await run.Phases.RunAsync($"Terminate the {older.Instances.Count} instance(s) of {older.Source} kept from the deploy before", () => new KeptInstances(services).CleanupAsync(now: true, cancellationToken)).ConfigureAwait(false);
            }

            await run.SaveAsync("suspend", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Suspend " + string.Join(", ", HeldProcesses), () => restore.SuspendAsync(HeldProcesses, cancellationToken)).ConfigureAwait(false);
            if (strategy != SerialStrategy.InstanceRefresh)
            {
                await run.Phases.RunAsync($"Point the group at {to}", () => PointAsync(run, to, cancellationToken)).ConfigureAwait(false);
                pointed = true;
            }

            if (kind == "Rollback")
            {
                services.Log.Information("Rollback does not run deploy_worker: the schema stays as the last deploy left it.");
            }
            else
            {
                await run.Phases.RunAsync("deploy_worker", () => WorkerAsync(run, worker, cancellationToken)).ConfigureAwait(false);
            }

            await run.SaveAsync("replace", cancellationToken: cancellationToken).ConfigureAwait(false);
            await ReplaceAsync(run, strategy, rolling, restore, old, cancellationToken).ConfigureAwait(false);
            await run.SaveAsync("restore", cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.Phases.RunAsync("Restore sizes and processes", () => restore.RestoreAsync(cancellationToken)).ConfigureAwait(false);
            await run.Journal.ClearAsync(cancellationToken).ConfigureAwait(false);
            await run.RecordOutcomeAsync(DeployHistoryEntry.Succeeded).ConfigureAwait(false);
            return Result(run, to);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failedAt = run.Phases.Current ?? "the start";
            var stopped = cancellationToken.IsCancellationRequested;
            services.Log.Error(stopped ? "{0} was stopped at '{1}': rolling back." : "{0} failed at '{1}': {2}", kind, failedAt, e.Message);
            var rolledBack = await RollBackAsync(run, restore, pointed || strategy != SerialStrategy.InstanceRefresh, from!, to, rolling).ConfigureAwait(false);
            var back = rolledBack.StartsWith("Rolled back", StringComparison.Ordinal);
            await run.RecordOutcomeAsync($"{(stopped ? "stopped" : "failed")} at '{failedAt}', {(back ? "rolled back" : "rollback incomplete")}").ConfigureAwait(false);
            foreach (var line in DeployResult.AfterFailure(kind, $"{(stopped ? "stopped" : "failed")} at '{failedAt}' and {(back ? "was rolled back" : "its rollback stopped")}", back ? from : null, run))
            {
                services.Log.Information("{0}", line);
            }

            if (stopped)
            {
                services.Log.Warning("{0}", rolledBack);
                throw new OperationCanceledException($"{kind} was stopped at '{failedAt}'. {rolledBack}", e, cancellationToken);
            }

            var migrated = run.Record.WorkerRan ? " deploy_worker had run: the schema may already be migrated (serial deploys need changes the old code can live with)." : string.Empty;
            throw new CakeException($"{kind} failed at '{failedAt}': {e.Message}\n{rolledBack}{migrated}", e);
        }
    }

    private static async Task ReplaceAsync(DeployRun run, SerialStrategy strategy, RollingReplacement rolling, GroupRestore restore, IReadOnlyList<string> old, CancellationToken cancellationToken)
    {
        var round = run.Target.Serial.RoundSize(run.Before.Group.DesiredCapacity);
        switch (strategy)
        {
            case SerialStrategy.LaunchFirst:
                await rolling.RunAsync(run.Release.LaunchSource, old, round, "Replace", cancellationToken).ConfigureAwait(false);
                break;
            case SerialStrategy.FabulAws:
                await new FabulAwsReplacement(run).RunAsync(run.Release.LaunchSource, old, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await new InstanceRefreshReplacement(run).RunAsync(run.Release.LaunchSource, round, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    internal static async Task PointAsync(DeployRun run, LaunchSource source, CancellationToken cancellationToken)
    {
        await run.Services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(run.GroupName) { LaunchSource = source }, cancellationToken).ConfigureAwait(false);
        run.Log.Information("  group {0} now launches {1}", run.GroupName, source);
    }

    /// <summary>
    /// Finds the one server deploy_worker runs on before the deploy changes anything: no worker, or several without
    /// --worker, fails the deploy with nothing changed (never after the upgrade page is up). Null without deploy_worker_commands.
    /// </summary>
    internal static async Task<RemoteHost?> FindWorkerAsync(DeployRun run, CancellationToken cancellationToken)
    {
        var services = run.Services;
        if (services.Target.DeployWorkerCommands.Count == 0)
        {
            return null;
        }

        var workers = await services.Servers.FindRoleAsync(services.Target.Deployment, services.Target.Environment, services.Target.WorkerRole, cancellationToken).ConfigureAwait(false);
        try
        {
            return DeployWorkerWorkflow.Pick(workers, services.DeployWorker(run.Release.Commit));
        }
        catch (CakeException e)
        {
            throw new CakeException($"{run.Kind}: {e.Message} Nothing was changed.", e);
        }
    }

    /// <summary>Runs deploy_worker on the worker <see cref="FindWorkerAsync"/> found, recording that it ran first.</summary>
    internal static async Task WorkerAsync(DeployRun run, RemoteHost? worker, CancellationToken cancellationToken)
    {
        var services = run.Services;
        if (worker is null)
        {
            services.Log.Information("  no deploy_worker_commands: nothing to run on a worker.");
            return;
        }

        await run.SaveAsync(run.Record.Phase, r => r with { WorkerRan = true }, cancellationToken).ConfigureAwait(false);
        await new DeployWorkerWorkflow(services.Remote, services.Log).RunAsync([worker], services.DeployWorker(run.Release.Commit), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts the group back on the old version at its original capacity: new instances that never served terminated,
    /// the old launch source back, new instances that did serve replaced by old ones, sizes and processes as they were.
    /// </summary>
    private static async Task<string> RollBackAsync(DeployRun run, GroupRestore restore, bool pointed, LaunchSource from, LaunchSource to, RollingReplacement rolling)
    {
        var log = run.Log;
        using var deadline = new CancellationTokenSource(run.Target.Timeouts.Deploy);
        var token = deadline.Token;
        var done = new List<string>();
        try
        {
            await run.SaveAsync("rollback", cancellationToken: token).ConfigureAwait(false);
            // Every active instance that was not in the group before is this deploy's, even one launched while a
            // signal cut the wait that would have noted it.
            var view = await run.Observer.ObserveAsync(run.Launched, token).ConfigureAwait(false);
            var before = run.Before.Active.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var neverServed = view.Active.Select(i => i.InstanceId).Where(id => !before.Contains(id) && !rolling.Serving.Contains(id)).ToList();
            if (neverServed.Count > 0)
            {
                await run.TerminateAsync(neverServed, token).ConfigureAwait(false);
                done.Add($"terminated the new instances that never served ({string.Join(", ", neverServed)})");
            }

            if (pointed)
            {
                await PointAsync(run, from, token).ConfigureAwait(false);
                done.Add($"the group is back on {from}");
            }

            await run.WaitGoneAsync(neverServed, token).ConfigureAwait(false);
            var onNew = (await run.Observer.ObserveAsync(cancellationToken: token).ConfigureAwait(false)).Active
                .Where(i => LaunchSources.Same(i.Source, to) && !LaunchSources.Same(from, to)).Select(i => i.InstanceId).ToList();
            if (onNew.Count > 0 && await BringBackKeptAsync(run, restore, from, onNew, token).ConfigureAwait(false) is { Count: > 0 } swapped)
            {
                done.Add($"brought back {string.Join(", ", swapped.Select(s => s.Kept))} from Standby in place of {string.Join(", ", swapped.Select(s => s.New))}");
                onNew = [.. onNew.Except(swapped.Select(s => s.New))];
            }

            if (onNew.Count > 0)
            {
                var back = new RollingReplacement(run, restore, new SmokeChecks(run));
                await back.RunAsync(from, onNew, run.Target.Serial.RoundSize(run.Before.Group.DesiredCapacity), "Roll back", token).ConfigureAwait(false);
                done.Add($"replaced {onNew.Count} instance(s) of the new version by the old one");
            }

            await restore.RestoreAsync(token).ConfigureAwait(false);
            done.Add("sizes and processes restored");
            await run.Journal.ClearAsync(token).ConfigureAwait(false);
            return $"Rolled back: {string.Join("; ", done)}. The group serves {from} at its original capacity ({run.Before.Group.DesiredCapacity}).";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Error("The rollback failed too: {0}", e.Message);
            return $"The rollback stopped too ({e.Message}) after: {string.Join("; ", done.DefaultIfEmpty("nothing"))}. The deploy's record stays on the group's tags; run the deploy again to finish or roll it back.";
        }
    }

    /// <summary>
    /// keep_previous: the old instances this deploy moved to Standby come back in place of as many new ones, so that
    /// a failed deploy launches nothing to get back (the rest of the new instances are replaced by launches).
    /// </summary>
    /// <returns>Each old instance brought back with the new one it replaced.</returns>
    private static async Task<IReadOnlyList<(string Kept, string New)>> BringBackKeptAsync(DeployRun run, GroupRestore restore, LaunchSource from, IReadOnlyList<string> onNew, CancellationToken token)
    {
        var kept = new KeptInstances(run.Services);
        if (await kept.ReadAsync(token).ConfigureAwait(false) is not { } set || !LaunchSources.Same(set.Source, from))
        {
            return [];
        }

        var view = await run.Observer.ObserveAsync(set.Instances, token).ConfigureAwait(false);
        var back = set.Instances.Where(id => view.Find(id) is { Lifecycle: "Standby" }).Take(onNew.Count).ToList();
        if (back.Count == 0)
        {
            return [];
        }

        await run.ExitStandbyAsync(back, restore, token).ConfigureAwait(false);
        var replaced = onNew.Take(back.Count).ToList();
        await run.TerminateAsync(replaced, token).ConfigureAwait(false);
        var left = set.Instances.Except(back).ToList();
        await (left.Count == 0 ? kept.ClearAsync(token) : kept.SaveAsync(set with { Instances = left }, token)).ConfigureAwait(false);
        await run.WaitGoneAsync(replaced, token).ConfigureAwait(false);
        return [.. back.Zip(replaced)];
    }

    private static DeployResult Result(DeployRun run, LaunchSource source)
    {
        var result = new DeployResult(run.Kind, run.Release.Commit, source, [.. run.Launched], [.. run.Terminated], run.Phases.Phases, run.Phases.Elapsed);
        foreach (var line in result.Summary)
        {
            run.Log.Information("{0}", line);
        }

        return result;
    }
}
