using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>Registers instances with classic load balancers and target groups, and asks them how the instance is.</summary>
internal static class Registration
{
    public static void RegisterClassic(ClassicLoadBalancer lb, string instanceId, DateTimeOffset now)
    {
        if (!lb.Instances.ContainsKey(instanceId))
        {
            lb.Instances[instanceId] = new BackendHealth { State = "OutOfService", Reason = "ELB", Description = "Instance registration is still in progress.", NextCheck = now };
        }
    }

    public static void RegisterTarget(TargetGroup tg, string instanceId, int? port, DateTimeOffset now)
    {
        if (!tg.Targets.TryGetValue(instanceId, out var existing) || existing.State == "draining")
        {
            tg.Targets[instanceId] = new BackendHealth { State = "initial", Reason = "Elb.RegistrationInProgress", Description = "Target registration is in progress", NextCheck = now, Port = port ?? tg.Port };
        }
    }

    public static void DeregisterTarget(Cloud cloud, TargetGroup tg, string instanceId)
    {
        if (!tg.Targets.TryGetValue(instanceId, out var target) || target.State == "draining")
        {
            return;
        }

        if (tg.DeregistrationDelay <= 0)
        {
            tg.Targets.Remove(instanceId);
            return;
        }

        target.State = "draining";
        target.Reason = "Target.DeregistrationInProgress";
        target.Description = "Target deregistration is in progress";
        target.DrainUntil = cloud.Now + cloud.Options.Scaled(tg.DeregistrationDelay);
    }

    public static void RegisterWithGroupBalancers(Cloud cloud, AutoScalingGroup group, string instanceId)
    {
        foreach (var name in group.LoadBalancerNames)
        {
            if (cloud.State.LoadBalancers.TryGetValue(name, out var lb))
            {
                RegisterClassic(lb, instanceId, cloud.Now);
            }
        }

        foreach (var arn in group.TargetGroupArns)
        {
            if (cloud.State.TargetGroups.TryGetValue(arn, out var tg))
            {
                RegisterTarget(tg, instanceId, null, cloud.Now);
            }
        }
    }

    public static void DeregisterFromGroupBalancers(Cloud cloud, AutoScalingGroup group, string instanceId)
    {
        foreach (var name in group.LoadBalancerNames)
        {
            if (cloud.State.LoadBalancers.TryGetValue(name, out var lb))
            {
                lb.Instances.Remove(instanceId);
            }
        }

        foreach (var arn in group.TargetGroupArns)
        {
            if (cloud.State.TargetGroups.TryGetValue(arn, out var tg))
            {
                DeregisterTarget(cloud, tg, instanceId);
            }
        }
    }

    /// <summary>Whether every load balancer and target group of the group has the instance in service.</summary>
    public static bool HealthyEverywhere(Cloud cloud, AutoScalingGroup group, string instanceId) =>
        group.LoadBalancerNames.All(n => !cloud.State.LoadBalancers.TryGetValue(n, out var lb) || (lb.Instances.TryGetValue(instanceId, out var h) && h.State == "InService"))
        && group.TargetGroupArns.All(a => !cloud.State.TargetGroups.TryGetValue(a, out var tg) || (tg.Targets.TryGetValue(instanceId, out var h) && h.State == "healthy"));

    /// <summary>Whether any load balancer or target group of the group reports the instance unhealthy.</summary>
    public static bool UnhealthySomewhere(Cloud cloud, AutoScalingGroup group, string instanceId) =>
        group.LoadBalancerNames.Any(n => cloud.State.LoadBalancers.TryGetValue(n, out var lb) && lb.Instances.TryGetValue(instanceId, out var h) && h.State == "OutOfService")
        || group.TargetGroupArns.Any(a => cloud.State.TargetGroups.TryGetValue(a, out var tg) && tg.Targets.TryGetValue(instanceId, out var h) && h.State == "unhealthy");

    /// <summary>Whether any target group is still draining the instance.</summary>
    public static bool Draining(Cloud cloud, AutoScalingGroup group, string instanceId) =>
        group.TargetGroupArns.Any(a => cloud.State.TargetGroups.TryGetValue(a, out var tg) && tg.Targets.TryGetValue(instanceId, out var h) && h.State == "draining");
}
