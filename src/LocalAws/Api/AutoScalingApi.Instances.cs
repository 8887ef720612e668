using LocalAws.Control;

namespace LocalAws.Api;

/// <content>Instances of groups: describe, health, terminate; scaling activities.</content>
internal sealed partial class AutoScalingApi
{
    private void DescribeInstances(QueryRequest request, XmlOut xml)
    {
        var ids = request.Strings("InstanceIds");
        var members = Cloud.State.Groups.Values.SelectMany(g => g.Members.Select(m => (Group: g, Member: m)))
            .Where(p => ids.Count == 0 || ids.Contains(p.Member.InstanceId))
            .OrderBy(p => p.Member.InstanceId, StringComparer.Ordinal).ToList();
        var (page, next) = Paging.Page(members, request.Get("NextToken"), request.Int("MaxRecords"), 50, 50);
        xml.List("AutoScalingInstances", page, (x, p) => AutoScalingXml.Instance(x, p.Member, p.Group.Name)).Leaf("NextToken", next);
    }

    private void SetInstanceHealth(QueryRequest request, XmlOut xml)
    {
        var (group, member) = Member(request.Required("InstanceId"));
        var health = request.Required("HealthStatus");
        if (health is not ("Healthy" or "Unhealthy"))
        {
            throw AwsException.Validation($"Health status '{health}' is not valid: use Healthy or Unhealthy.");
        }

        var inGrace = Now < member.GraceFrom + Cloud.Options.Scaled(group.HealthCheckGracePeriod);
        if (request.Bool("ShouldRespectGracePeriod") == true && inGrace)
        {
            return;
        }

        member.Health = health;
        Cloud.Wake();
    }

    private void TerminateInstance(QueryRequest request, XmlOut xml)
    {
        var id = request.Required("InstanceId");
        var decrement = request.Bool("ShouldDecrementDesiredCapacity") ?? throw request.Missing("ShouldDecrementDesiredCapacity");
        var (group, member) = Member(id);
        decrement &= member.Lifecycle is not ("EnteringStandby" or "Standby"); // outside the desired capacity already
        if (decrement && group.DesiredCapacity - 1 < group.MinSize)
        {
            throw AwsException.Validation($"Currently, desiredSize equals minSize ({group.MinSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
        }

        var cause = decrement
            ? $"instance {id} was taken out of service in response to a user request, shrinking the capacity from {group.DesiredCapacity} to {group.DesiredCapacity - 1}."
            : $"instance {id} was taken out of service in response to a user request.";
        if (decrement)
        {
            group.DesiredCapacity--;
        }

        var activity = member.Lifecycle == "Terminating"
            ? Cloud.State.Activities.Find(a => a.Id == member.TerminateActivityId)!
            : Termination.Begin(Cloud, group, member, Termination.Cause(Cloud, cause));
        xml.Element("Activity", x => AutoScalingXml.Activity(x, activity, group));
    }

    private void DescribeActivities(QueryRequest request, XmlOut xml)
    {
        var groupName = request.Get("AutoScalingGroupName");
        var ids = request.Strings("ActivityIds");
        var activities = Cloud.State.Activities
            .Where(a => groupName is null || a.GroupName == groupName)
            .Where(a => ids.Count == 0 || ids.Contains(a.Id))
            .Reverse().ToList();
        var (page, next) = Paging.Page(activities, request.Get("NextToken"), request.Int("MaxRecords"), 100, 100);
        xml.List("Activities", page, (x, a) => AutoScalingXml.Activity(x, a, Cloud.State.Groups.GetValueOrDefault(a.GroupName))).Leaf("NextToken", next);
    }
}
