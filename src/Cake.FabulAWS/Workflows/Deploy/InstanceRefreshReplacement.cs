using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// The instance-refresh strategy: AWS Instance Refresh with launch-before-terminate (MinHealthyPercentage 100,
/// MaxHealthyPercentage from the round size, SkipMatching, desired configuration = the new launch source), followed
/// with its progress. A failed launch, a new instance the group reports unhealthy or a load balancer still fails past
/// the group's grace period (the launch-first strategy's checks), the deadline or Ctrl-C roll the refresh back at
/// once (AWS itself would retry for an hour).
/// </summary>
/// <param name="run">The deploy.</param>
internal sealed class InstanceRefreshReplacement(DeployRun run)
{
    public async Task RunAsync(LaunchSource to, int roundSize, CancellationToken cancellationToken)
    {
        if (to.LaunchConfigurationName is not null)
        {
            throw new CakeException("The instance-refresh strategy needs a launch template (AWS cannot refresh onto a launch configuration with a desired configuration): use --strategy=launch-first.");
        }

        var desired = Math.Max(run.Before.Group.DesiredCapacity, 1);
        var maxHealthy = Math.Clamp(100 + (int)Math.Ceiling(100.0 * roundSize / desired), 101, 200);
        var refreshes = run.Services.Aws.InstanceRefreshes;
        var known = run.Before.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var id = string.Empty;
        await run.Phases.RunAsync($"Start an instance refresh to {to}", async () =>
        {
            id = await refreshes.StartAsync(run.GroupName, new InstanceRefreshPreferences
            {
                MinHealthyPercentage = 100,
                MaxHealthyPercentage = maxHealthy,
                SkipMatching = true,
                DesiredLaunchTemplate = to,
            }, cancellationToken).ConfigureAwait(false);
            run.Log.Information("  instance refresh {0}: MinHealthyPercentage 100, MaxHealthyPercentage {1}", id, maxHealthy);
        }).ConfigureAwait(false);
        try
        {
            await run.Phases.RunAsync("Follow the instance refresh", () => FollowAsync(id, known, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await RollBackAsync(id).ConfigureAwait(false);
            throw;
        }
    }

    private async Task FollowAsync(string id, IReadOnlySet<string> known, CancellationToken cancellationToken)
    {
        var refreshes = run.Services.Aws.InstanceRefreshes;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var timeouts = run.Target.Timeouts;
        await run.Services.Waits.UntilAsync(
            new Wait<(InstanceRefresh? Refresh, GroupView View)>($"instance refresh {id}", timeouts.Deploy, async ct =>
            {
                var refresh = (await refreshes.DescribeAsync(run.GroupName, [id], ct).ConfigureAwait(false)).FirstOrDefault();
                var view = await run.Observer.ObserveAsync(seen, ct).ConfigureAwait(false);
                foreach (var fresh in view.Instances.Where(i => !known.Contains(i.InstanceId) && i.IsActive))
                {
                    seen.Add(fresh.InstanceId);
                }

                run.NoteLaunched(seen);

                return (refresh, view);
            },
            s => s.Refresh?.Status == "Successful")
            {
                Describe = s => $"{s.Refresh?.Status ?? "not described"} {s.Refresh?.PercentageComplete ?? 0}% ({s.Refresh?.InstancesToUpdate} to update){(s.Refresh?.StatusReason is { Length: > 0 } r ? $": {r}" : string.Empty)}; {s.View.Describe()}",
                FailFast = s => s.Refresh?.Status is "Failed" or "Cancelled" or "RollbackSuccessful" or "RollbackFailed" or "RollbackInProgress" or "Cancelling"
                    ? $"the refresh is {s.Refresh.Status}: {s.Refresh.StatusReason}"
                    : run.NewInstanceProblem(s.View, [.. s.View.Instances.Where(i => seen.Contains(i.InstanceId))]),
                Poll = timeouts.Poll,
                DeadlineSetting = "timeouts.deploy",
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task RollBackAsync(string id)
    {
        using var deadline = new CancellationTokenSource(run.Target.Timeouts.Deploy);
        var refreshes = run.Services.Aws.InstanceRefreshes;
        var rolled = await refreshes.RollbackAsync(run.GroupName, deadline.Token).ConfigureAwait(false);
        run.Log.Warning(rolled is null ? "  the instance refresh had ended already: nothing to roll back" : "  instance refresh {0} rolling back", id);
        if (rolled is null)
        {
            return;
        }

        await run.Services.Waits.UntilAsync(
            new Wait<InstanceRefresh?>($"the rollback of instance refresh {id}", run.Target.Timeouts.Deploy, async ct => (await refreshes.DescribeAsync(run.GroupName, [id], ct).ConfigureAwait(false)).FirstOrDefault(),
                r => r?.Status is "RollbackSuccessful" or "RollbackFailed" or "Cancelled" or "Failed")
            {
                Describe = r => $"{r?.Status} {r?.PercentageComplete}%",
                Poll = run.Target.Timeouts.Poll,
                DeadlineSetting = "timeouts.deploy",
            },
            deadline.Token).ConfigureAwait(false);
    }
}
