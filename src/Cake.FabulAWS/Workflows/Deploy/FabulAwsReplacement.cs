using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// FabulAWS's serial deploy, for groups that cannot grow: one old instance at a time is marked Unhealthy, the group
/// replaces it from the new launch source, and the next starts once the replacement serves everywhere and the old one
/// has left (conditions, never FabulAWS's fixed 45 s sleep). Capacity drops by one during each replacement.
/// </summary>
/// <param name="run">The deploy.</param>
internal sealed class FabulAwsReplacement(DeployRun run)
{
    public async Task RunAsync(LaunchSource to, IReadOnlyList<string> old, CancellationToken cancellationToken)
    {
        if (run.Before.Group.SuspendedProcesses.Contains("ReplaceUnhealthy") || run.Before.Group.SuspendedProcesses.Contains("Launch"))
        {
            throw new CakeException($"The fabulaws strategy needs the group to replace unhealthy instances, but {string.Join(" and ", run.Before.Group.SuspendedProcesses.Intersect(["ReplaceUnhealthy", "Launch"]))} is suspended: resume it, or use --strategy=launch-first.");
        }

        for (var index = 0; index < old.Count; index++)
        {
            var id = old[index];
            await run.Phases.RunAsync($"Replace {id} ({index + 1} of {old.Count})", async () =>
            {
                var known = (await run.Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
                await run.Services.Aws.GroupInstances.SetHealthAsync(id, healthy: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                run.Log.Information("  marked {0} Unhealthy: the group replaces it", id);
                await run.WaitForNewAsync(known, 1, to, $"the replacement of {id} InService and healthy in every load balancer", i => i.Serves, cancellationToken).ConfigureAwait(false);
                await run.WaitGoneAsync([id], cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }
}
