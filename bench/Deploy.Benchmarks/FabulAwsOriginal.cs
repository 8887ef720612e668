using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Deploy;

namespace Deploy.Benchmarks;

/// <summary>
/// FabulAWS 1.0.16's deploy_serial instance loop (<c>_refresh_instances</c>, see shared/notes/fabulaws.md §1b),
/// replayed against the same LocalAws through the add-in's ports, with its fixed sleeps and poll intervals scaled by
/// the same TimeScale as every AWS duration. Bench only: the product's <c>fabulaws</c> strategy waits on conditions.
/// For each old instance, one at a time:
/// <list type="number">
/// <item>SetInstanceHealth Unhealthy (the group terminates it and launches a replacement);</item>
/// <item>poll every 5 s until every load balancer no longer has it in service (OutOfService, or an error);</item>
/// <item><c>sleep(45)</c>;</item>
/// <item>poll every 5 s, at most 36 times, until an instance of the new launch source exists;</item>
/// <item>while any instance of the new launch source is not in service in every load balancer, <c>sleep(10)</c>.</item>
/// </list>
/// The group is pointed at the new source first (_update_autoscaling_group); deploy_worker is left out, as in
/// the serial cases measured beside it.
/// </summary>
internal static class FabulAwsOriginal
{
    public const int SleepAfterOutOfService = 45;
    public const int OutOfServicePoll = 5;
    public const int NewInstancePoll = 5;
    public const int NewInstanceTries = 36;
    public const int InServicePoll = 10;

    public static async Task RunAsync(EnvironmentServices services, LaunchSource to, BenchSettings settings, BenchLog log, CancellationToken cancellationToken)
    {
        var aws = services.Aws;
        var group = services.Target.AutoScalingGroupName;
        var balancers = new List<LoadBalancerRef>(services.Target.LoadBalancerNames.Select(LoadBalancerRef.Classic));
        foreach (var tg in services.Target.TargetGroups)
        {
            balancers.Add(await aws.LoadBalancing.ResolveTargetGroupAsync(tg, cancellationToken));
        }

        await aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(group) { LaunchSource = to }, cancellationToken);
        var before = await aws.AutoScalingGroups.FindGroupAsync(group, cancellationToken) ?? throw new InvalidOperationException($"no group {group}");
        var old = before.Instances.Where(i => !LaunchSources.Same(i.LaunchSource, to)).Select(i => i.InstanceId).ToList();

        async Task<IReadOnlyList<string>> CurrentAsync() =>
            [.. ((await aws.AutoScalingGroups.FindGroupAsync(group, cancellationToken))?.Instances ?? []).Where(i => LaunchSources.Same(i.LaunchSource, to)).Select(i => i.InstanceId)];

        for (var index = 0; index < old.Count; index++)
        {
            var id = old[index];
            var name = $"Replace {id} ({index + 1} of {old.Count}), FabulAWS 1.0.16 replayed";
            log.Begin(name);
            var ok = false;
            try
            {
                await aws.GroupInstances.SetHealthAsync(id, healthy: false, cancellationToken: cancellationToken);
                foreach (var balancer in balancers)
                {
                    while ((await aws.LoadBalancing.GetHealthAsync(balancer, [id], cancellationToken)).Any(h => h.Health == BackendHealth.Healthy))
                    {
                        await Task.Delay(settings.Scaled(OutOfServicePoll), cancellationToken);
                    }
                }

                await Task.Delay(settings.Scaled(SleepAfterOutOfService), cancellationToken);
                for (var i = 0; i < NewInstanceTries && (await CurrentAsync()).Count == 0; i++)
                {
                    await Task.Delay(settings.Scaled(NewInstancePoll), cancellationToken);
                }

                while (true)
                {
                    var current = await CurrentAsync();
                    var serving = true;
                    foreach (var balancer in balancers)
                    {
                        var health = current.Count == 0 ? [] : await aws.LoadBalancing.GetHealthAsync(balancer, current, cancellationToken);
                        serving &= current.All(c => health.Any(h => h.InstanceId == c && h.Health == BackendHealth.Healthy));
                    }

                    if (serving)
                    {
                        break;
                    }

                    await Task.Delay(settings.Scaled(InServicePoll), cancellationToken);
                }

                ok = true;
            }
            finally
            {
                log.End(name, ok);
            }
        }
    }
}
