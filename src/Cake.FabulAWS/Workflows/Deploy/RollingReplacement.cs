using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// Launch-first rounds: raise the desired capacity by a round's size (and the maximum when needed), wait until that
/// many new instances of the target launch source serve in every load balancer and pass the smoke check, then
/// terminate as many old instances, lowering the desired capacity, and wait until they have left. Healthy capacity
/// never drops below what it was.
/// </summary>
/// <param name="run">The deploy.</param>
/// <param name="restore">The group's sizes and processes.</param>
/// <param name="smoke">The smoke checks.</param>
/// <param name="keepUntil">Until when replaced instances are kept in Standby instead of terminated; null to terminate them.</param>
internal sealed class RollingReplacement(DeployRun run, GroupRestore restore, SmokeChecks smoke, DateTimeOffset? keepUntil = null)
{
    private readonly List<string> serving = [];

    /// <summary>Gets the new instances that passed their round (they serve).</summary>
    public IReadOnlyList<string> Serving => serving;

    /// <summary>Replaces <paramref name="old"/> with instances of <paramref name="to"/>, <paramref name="roundSize"/> at a time.</summary>
    public async Task RunAsync(LaunchSource to, IReadOnlyList<string> old, int roundSize, string label, CancellationToken cancellationToken)
    {
        var rounds = old.Chunk(roundSize).ToList();
        for (var index = 0; index < rounds.Count; index++)
        {
            var batch = rounds[index];
            await run.Phases.RunAsync($"{label}: round {index + 1} of {rounds.Count} ({batch.Length} instance(s))", () => RoundAsync(to, batch, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task RoundAsync(LaunchSource to, IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        var view = await run.Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var known = view.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var desired = view.Group.DesiredCapacity + batch.Count;
        await restore.EnsureMaxAsync(desired, view.Group.MaxSize, cancellationToken).ConfigureAwait(false);
        await run.Services.Aws.AutoScalingGroups.SetDesiredCapacityAsync(run.GroupName, desired, cancellationToken).ConfigureAwait(false);
        run.Log.Information("  desired capacity {0} -> {1}: launching {2} instance(s) of {3}", view.Group.DesiredCapacity, desired, batch.Count, to);
        await run.SaveAsync(run.Record.Phase, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fresh = await run.WaitForNewAsync(known, batch.Count, to, $"{batch.Count} new instance(s) of {to} InService and healthy in every load balancer", i => i.Serves, cancellationToken).ConfigureAwait(false);
        await smoke.InstancesAsync(await run.HostsAsync(fresh.Select(i => i.InstanceId), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        serving.AddRange(fresh.Select(i => i.InstanceId));
        if (keepUntil is { } until)
        {
            await run.StandbyAsync(batch, until, cancellationToken).ConfigureAwait(false);
            await run.WaitStandbyAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await run.TerminateAsync(batch, cancellationToken).ConfigureAwait(false);
            await run.SaveAsync(run.Record.Phase, cancellationToken: cancellationToken).ConfigureAwait(false);
            await run.WaitGoneAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await smoke.SiteAsync(cancellationToken).ConfigureAwait(false);
    }
}
