using System.Globalization;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>Takes a group member out of service: deregisters it, waits for draining, terminates it.</summary>
internal static class Termination
{
    public static Activity Begin(Cloud cloud, AutoScalingGroup group, GroupMember member, string cause)
    {
        var activity = cloud.State.AddActivity(group.Name, $"Terminating EC2 instance: {member.InstanceId}", cause, cloud.Now);
        member.Lifecycle = "Terminating";
        member.TerminateActivityId = activity.Id;
        Registration.DeregisterFromGroupBalancers(cloud, group, member.InstanceId);
        cloud.Wake();
        return activity;
    }

    /// <summary>Moves Terminating members on: EC2 terminate once draining ends, removal once terminated.</summary>
    public static void Advance(Cloud cloud, AutoScalingGroup group)
    {
        foreach (var member in group.Members.Where(m => m.Lifecycle == "Terminating").ToList())
        {
            cloud.State.Instances.TryGetValue(member.InstanceId, out var instance);
            if (!member.Ec2TerminateSent)
            {
                if (Registration.Draining(cloud, group, member.InstanceId))
                {
                    continue;
                }

                member.Ec2TerminateSent = true;
                if (instance is not null)
                {
                    Launcher.TerminateInstance(cloud, instance, "Client.UserInitiatedShutdown: User initiated shutdown");
                }
            }

            if (instance is null || instance.State == "terminated")
            {
                member.Lifecycle = "Terminated";
                group.Members.Remove(member);
                cloud.State.Activities.Find(a => a.Id == member.TerminateActivityId)?.Finish("Successful", cloud.Now);
            }
        }
    }

    public static string Cause(Cloud cloud, string what) =>
        $"At {cloud.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {what}";
}
