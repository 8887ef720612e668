using LocalAws.Control;
using LocalAws.Model;

namespace LocalAws.Api;

/// <content>Standby: EnterStandby and ExitStandby, each answering the activities it started.</content>
internal sealed partial class AutoScalingApi
{
    private void EnterStandby(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var decrement = request.Bool("ShouldDecrementDesiredCapacity") ?? throw request.Missing("ShouldDecrementDesiredCapacity");
        var members = GroupMembers(group, request.Strings("InstanceIds"));
        if (members.FirstOrDefault(m => m.Lifecycle != "InService") is { } notInService)
        {
            throw AwsException.Validation($"The instance {notInService.InstanceId} is not in InService.");
        }

        if (decrement && group.DesiredCapacity - members.Count < group.MinSize)
        {
            throw AwsException.Validation($"AutoScalingGroup {group.Name} has min-size={group.MinSize}, max-size={group.MaxSize}, and desired-size={group.DesiredCapacity}. To place into standby {members.Count} instances, please update the AutoScalingGroup sizes appropriately.");
        }

        var activities = members.Select(m => Standby.Enter(Cloud, group, m, decrement)).ToList();
        xml.List("Activities", activities, (x, a) => AutoScalingXml.Activity(x, a, group));
    }

    private void ExitStandby(QueryRequest request, XmlOut xml)
    {
        var group = Group(request);
        var members = GroupMembers(group, request.Strings("InstanceIds"));
        if (members.FirstOrDefault(m => m.Lifecycle != "Standby") is { } notOnStandby)
        {
            throw AwsException.Validation($"The instance {notOnStandby.InstanceId} is not in Standby.");
        }

        if (group.DesiredCapacity + members.Count > group.MaxSize)
        {
            throw AwsException.Validation($"AutoScalingGroup {group.Name} has min-size={group.MinSize}, max-size={group.MaxSize}, and desired-size={group.DesiredCapacity}. To move {members.Count} instances out of standby, please update the AutoScalingGroup sizes appropriately.");
        }

        var activities = members.Select(m => Standby.Exit(Cloud, group, m)).ToList();
        xml.List("Activities", activities, (x, a) => AutoScalingXml.Activity(x, a, group));
    }

    /// <summary>The members of <paramref name="group"/> with these ids; an id outside the group is refused.</summary>
    private static List<GroupMember> GroupMembers(AutoScalingGroup group, IReadOnlyList<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Select(id => group.Members.Find(m => m.InstanceId == id)
            ?? throw AwsException.Validation($"The instance {id} is not part of Auto Scaling group {group.Name}.")).ToList();
}
