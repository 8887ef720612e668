using LocalAws.Api;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>One tick of Auto Scaling for one group: lifecycle, registration, health, replacement, capacity.</summary>
internal static class GroupController
{
    public static void Reconcile(Cloud cloud, AutoScalingGroup group)
    {
        Termination.Advance(cloud, group);
        Standby.Advance(cloud, group);
        foreach (var member in group.Members.Where(m => m.Lifecycle is "Pending" or "InService").ToList())
        {
            var instance = cloud.State.Instances.GetValueOrDefault(member.InstanceId);
            if (instance is null || instance.State is "shutting-down" or "terminated")
            {
                if (!group.IsSuspended("HealthCheck"))
                {
                    member.Health = "Unhealthy"; // EC2 status: the instance is gone
                }

                continue;
            }

            if (member.Lifecycle == "Pending")
            {
                AdvancePending(cloud, group, member, instance);
            }
            else if (!group.IsSuspended("HealthCheck") && group.HealthCheckType == "ELB" && PastGrace(cloud, group, member)
                && Registration.UnhealthySomewhere(cloud, group, member.InstanceId))
            {
                member.Health = "Unhealthy";
            }
        }

        ReplaceUnhealthy(cloud, group);
        AdjustCapacity(cloud, group);
    }

    private static void AdvancePending(Cloud cloud, AutoScalingGroup group, GroupMember member, Ec2Instance instance)
    {
        if (instance.State != "running")
        {
            return;
        }

        if (!member.RegistrationDone)
        {
            // As in AWS, the grace period counts from when the instance is up, not from the launch request: a slow boot is not a failed health check.
            member.GraceFrom = cloud.Now;
            member.RegistrationDone = true;
            member.SkipLoadBalancers = group.IsSuspended("AddToLoadBalancer");
            if (!member.SkipLoadBalancers)
            {
                Registration.RegisterWithGroupBalancers(cloud, group, member.InstanceId);
            }
        }

        var ready = group.HealthCheckType != "ELB" || member.SkipLoadBalancers
            || Registration.HealthyEverywhere(cloud, group, member.InstanceId) || PastGrace(cloud, group, member);
        if (ready)
        {
            member.Lifecycle = "InService";
            member.InServiceAt = cloud.Now;
            cloud.State.Activities.Find(a => a.Id == member.PendingActivityId)?.Finish("Successful", cloud.Now);
        }
    }

    private static bool PastGrace(Cloud cloud, AutoScalingGroup group, GroupMember member) =>
        cloud.Now >= member.GraceFrom + cloud.Options.Scaled(group.HealthCheckGracePeriod);

    private static void ReplaceUnhealthy(Cloud cloud, AutoScalingGroup group)
    {
        if (group.IsSuspended("ReplaceUnhealthy") || group.IsSuspended("Terminate"))
        {
            return;
        }

        foreach (var member in group.Active.Where(m => m.Health == "Unhealthy").ToList())
        {
            var check = group.HealthCheckType == "ELB" ? "an ELB health check" : "an EC2 health check";
            Termination.Begin(cloud, group, member, Termination.Cause(cloud, $"an instance was taken out of service in response to {check} indicating it has been terminated or is unhealthy."));
        }
    }

    /// <summary>Launches or terminates towards the desired capacity, plus what an instance refresh may launch ahead (MaxHealthyPercentage).</summary>
    private static void AdjustCapacity(Cloud cloud, AutoScalingGroup group)
    {
        var active = group.Active.Count();
        var target = group.DesiredCapacity + InstanceRefresher.Surplus(cloud, group);
        if (active < target && !group.IsSuspended("Launch") && cloud.Now >= group.NextLaunchAttempt)
        {
            for (var i = active; i < target; i++)
            {
                if (!LaunchOne(cloud, group, active, target))
                {
                    group.NextLaunchAttempt = cloud.Now + cloud.Options.Scaled(10);
                    break;
                }
            }
        }
        else if (active > target && !group.IsSuspended("Terminate"))
        {
            var cause = Termination.Cause(cloud, $"a user request update of AutoScalingGroup constraints to min: {group.MinSize}, max: {group.MaxSize}, desired: {group.DesiredCapacity} changing the desired capacity from {active} to {group.DesiredCapacity}.");
            foreach (var member in TerminationPolicy.Choose(cloud, group, active - target))
            {
                Termination.Begin(cloud, group, member, cause + $" At {cloud.Now:O} instance {member.InstanceId} was selected for termination.");
            }
        }
    }

    private static bool LaunchOne(Cloud cloud, AutoScalingGroup group, int from, int to)
    {
        var cause = Termination.Cause(cloud, $"an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {from} to {to}.");
        if (cloud.Faults.TakeFailedLaunch())
        {
            cloud.State.AddActivity(group.Name, "Launching a new EC2 instance.  Status Reason: LocalAws fault: launch failed.", cause, cloud.Now)
                .Finish("Failed", cloud.Now, "LocalAws fault: launch failed. Launching EC2 instance failed.");
            return false;
        }

        try
        {
            var (data, template) = Launcher.Resolve(cloud, group);
            var zone = ZoneWithFewest(group);
            var tags = new Dictionary<string, string>(data.InstanceTags, StringComparer.Ordinal) { ["aws:autoscaling:groupName"] = group.Name };
            foreach (var tag in group.Tags.Where(t => t.PropagateAtLaunch))
            {
                tags[tag.Key] = tag.Value;
            }

            var instance = Launcher.Launch(cloud, data with { InstanceTags = tags }, zone, cloud.State.NewId("r"), 0);
            instance.GroupName = group.Name;
            instance.LaunchTemplate = template;
            instance.LaunchConfigurationName = group.LaunchConfigurationName;
            var activity = cloud.State.AddActivity(group.Name, $"Launching a new EC2 instance: {instance.Id}", cause, cloud.Now);
            group.Members.Add(new GroupMember(instance.Id, cloud.Now)
            {
                AvailabilityZone = zone,
                InstanceType = instance.InstanceType,
                LaunchTemplate = template,
                LaunchConfigurationName = group.LaunchConfigurationName,
                PendingActivityId = activity.Id,
            });
            return true;
        }
        catch (AwsException e)
        {
            cloud.State.AddActivity(group.Name, $"Launching a new EC2 instance.  Status Reason: {e.Message}", cause, cloud.Now)
                .Finish("Failed", cloud.Now, $"{e.Message} Launching EC2 instance failed.");
            return false;
        }
    }

    private static string ZoneWithFewest(AutoScalingGroup group)
    {
        var zones = group.AvailabilityZones.Count > 0 ? group.AvailabilityZones : ["us-east-1a"];
        return zones.OrderBy(z => group.Active.Count(m => m.AvailabilityZone == z)).ThenBy(z => zones.IndexOf(z)).First();
    }
}
