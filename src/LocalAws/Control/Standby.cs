using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>
/// Moves group members into and out of standby as EnterStandby and ExitStandby do: EnteringStandby while the
/// load balancers let go of the instance (target groups drain), then Standby, outside capacity and health checks;
/// out of standby through Pending (registered again, a new grace period) to InService.
/// </summary>
internal static class Standby
{
    public static Activity Enter(Cloud cloud, AutoScalingGroup group, GroupMember member, bool decrement)
    {
        var from = group.DesiredCapacity;
        if (decrement)
        {
            group.DesiredCapacity--;
        }

        var what = decrement
            ? $"instance {member.InstanceId} was moved to standby in response to a user request, shrinking the capacity from {from} to {group.DesiredCapacity}."
            : $"instance {member.InstanceId} was moved to standby in response to a user request.";
        var activity = cloud.State.AddActivity(group.Name, $"Moving EC2 instance to Standby: {member.InstanceId}", Termination.Cause(cloud, what), cloud.Now);
        activity.RunningProgress = 50;
        activity.Details = Details(member);
        member.Lifecycle = "EnteringStandby";
        member.StandbyActivityId = activity.Id;
        Registration.DeregisterFromGroupBalancers(cloud, group, member.InstanceId);
        cloud.Wake();
        return activity;
    }

    public static Activity Exit(Cloud cloud, AutoScalingGroup group, GroupMember member)
    {
        var from = group.DesiredCapacity;
        group.DesiredCapacity++;
        var what = $"instance {member.InstanceId} was moved out of standby in response to a user request, increasing the capacity from {from} to {group.DesiredCapacity}.";
        var activity = cloud.State.AddActivity(group.Name, $"Moving EC2 instance out of Standby: {member.InstanceId}", Termination.Cause(cloud, what), cloud.Now);
        activity.Status = "PreInService";
        activity.Details = Details(member);
        member.Lifecycle = "Pending";
        member.RegistrationDone = false; // registered again with the group's load balancers once running (GroupController)
        member.GraceFrom = cloud.Now;
        member.PendingActivityId = activity.Id;
        cloud.Wake();
        return activity;
    }

    /// <summary>Moves EnteringStandby members to Standby once no target group still drains them.</summary>
    public static void Advance(Cloud cloud, AutoScalingGroup group)
    {
        foreach (var member in group.Members.Where(m => m.Lifecycle == "EnteringStandby" && !Registration.Draining(cloud, group, m.InstanceId)))
        {
            member.Lifecycle = "Standby";
            cloud.State.Activities.Find(a => a.Id == member.StandbyActivityId)?.Finish("Successful", cloud.Now);
        }
    }

    private static string Details(GroupMember member) => $$"""{"Availability Zone":"{{member.AvailabilityZone}}"}""";
}
