using LocalAws.Hosts;
using LocalAws.Model;
using LocalAws.Observability;

namespace LocalAws.Control;

/// <summary>
/// The simulated AWS control plane: each tick advances EC2 (boot, termination, images), starts and stops
/// instance hosts, runs due health checks, reconciles every Auto Scaling group, and samples capacity.
/// </summary>
internal sealed class ControlLoop(Cloud cloud)
{
    private readonly SemaphoreSlim ticking = new(1, 1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync().ConfigureAwait(false);
                await cloud.WaitForWakeAsync(cloud.Options.Tick, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"LocalAws control loop: {e}").ConfigureAwait(false);
            }
        }
    }

    public async Task TickAsync()
    {
        await ticking.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (cloud.State.Gate)
            {
                AdvanceEc2();
            }

            await HealthChecker.RunAsync(cloud).ConfigureAwait(false);
            lock (cloud.State.Gate)
            {
                EndDraining();
                foreach (var group in cloud.State.Groups.Values.ToList())
                {
                    GroupController.Reconcile(cloud, group);
                    InstanceRefresher.Advance(cloud, group);
                }

                AdvanceEc2();
                cloud.Metrics.Add(Sample());
            }
        }
        finally
        {
            ticking.Release();
        }
    }

    private void AdvanceEc2()
    {
        var now = cloud.Now;
        foreach (var image in cloud.State.Images.Values.Where(i => i.State == "pending" && i.AvailableAt <= now))
        {
            cloud.State.MakeAvailable(image);
        }

        foreach (var instance in cloud.State.Instances.Values)
        {
            switch (instance.State)
            {
                case "pending":
                    StartHostIfNeeded(instance);
                    var hostDone = cloud.Hosts is null || instance.Host is HostStatus.Ready or HostStatus.Failed;
                    if (hostDone && now >= instance.LaunchTime + cloud.Options.BootTime)
                    {
                        instance.State = "running";
                    }

                    break;
                case "shutting-down":
                    instance.State = "terminated";
                    if (cloud.Hosts is not null && instance.Host != HostStatus.NotStarted)
                    {
                        _ = cloud.Hosts.StopInstanceAsync(instance.Id);
                        instance.Host = HostStatus.Stopped;
                    }

                    break;
            }
        }
    }

    private void StartHostIfNeeded(Ec2Instance instance)
    {
        if (cloud.Hosts is not { } hosts || instance.Host != HostStatus.NotStarted)
        {
            return;
        }

        instance.Host = HostStatus.Starting;
        var work = Path.Combine(hosts.DataDirectory, "instances", instance.Id, "sshd");
        var plan = new HostPlan(instance.Id, instance.Address, instance.HomeDirectory!, work, hosts.AuthorizedKeysFile, cloud.Options.SshPort, cloud.Options.InstanceHttpPort, instance.SshDown, () => instance.NeverHealthy);
        var imageDirectory = cloud.State.Images.GetValueOrDefault(instance.ImageId)?.Directory;
        _ = StartHostAsync(hosts, instance, plan, imageDirectory);
    }

    private async Task StartHostAsync(HostManager hosts, Ec2Instance instance, HostPlan plan, string? imageDirectory)
    {
        string? key = null;
        try
        {
            key = await hosts.StartInstanceAsync(plan, imageDirectory).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"LocalAws: host of {instance.Id} at {instance.Address} failed to start: {e.Message}").ConfigureAwait(false);
        }

        lock (cloud.State.Gate)
        {
            if (instance.Host == HostStatus.Starting)
            {
                instance.Host = key is null ? HostStatus.Failed : HostStatus.Ready;
                instance.HostPublicKey = key;
            }
        }

        cloud.Wake();
    }

    private void EndDraining()
    {
        foreach (var tg in cloud.State.TargetGroups.Values)
        {
            foreach (var id in tg.Targets.Where(t => t.Value.State == "draining" && t.Value.DrainUntil <= cloud.Now).Select(t => t.Key).ToList())
            {
                tg.Targets.Remove(id);
            }
        }
    }

    private CapacitySample Sample()
    {
        var groups = cloud.State.Groups.Values.ToDictionary(
            g => g.Name,
            g =>
            {
                var inService = g.Members.Where(m => m.Lifecycle == "InService").ToList();
                var healthy = inService.Count(m => m.Health == "Healthy" && (g.HealthCheckType != "ELB" || m.SkipLoadBalancers || Registration.HealthyEverywhere(cloud, g, m.InstanceId)));
                return new GroupCapacity(inService.Count, healthy, g.Members.Count);
            },
            StringComparer.Ordinal);
        var balancers = cloud.State.LoadBalancers.Values.ToDictionary(lb => lb.Name, lb => lb.Instances.Values.Count(h => h.State == "InService"), StringComparer.Ordinal);
        foreach (var tg in cloud.State.TargetGroups.Values)
        {
            balancers[tg.Name] = tg.Targets.Values.Count(h => h.State == "healthy");
        }

        return new CapacitySample(cloud.Now, groups, balancers);
    }
}
