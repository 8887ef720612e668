using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>
/// Rolling instance refresh: replaces the instances launched before the refresh started, terminating only
/// as many at a time as keep MinHealthyPercentage of the desired capacity healthy, and waiting for the
/// replacements to be InService and warmed up before the next batch.
/// </summary>
internal static class InstanceRefresher
{
    public static void Advance(Cloud cloud, AutoScalingGroup group)
    {
        var refresh = cloud.State.InstanceRefreshes.LastOrDefault(r => r.GroupName == group.Name && r.Status is "Pending" or "InProgress");
        if (refresh is null || group.IsSuspended("InstanceRefresh"))
        {
            return;
        }

        refresh.Status = "InProgress";
        var old = group.Active.Where(m => m.Launched < refresh.Start && !refresh.Replaced.Contains(m.InstanceId) && !Skips(cloud, group, refresh, m)).ToList();
        var total = Math.Max(refresh.InstancesToUpdate, 1);
        refresh.PercentageComplete = 100 * (refresh.InstancesToUpdate - old.Count) / total;
        var settled = group.Active.All(m => m.Lifecycle == "InService" && m.Health == "Healthy"
            && m.InServiceAt + cloud.Options.Scaled(refresh.InstanceWarmup) <= cloud.Now)
            && group.Active.Count() >= group.DesiredCapacity
            && group.Members.All(m => m.Lifecycle != "Terminating");
        if (old.Count == 0)
        {
            if (settled)
            {
                refresh.Status = "Successful";
                refresh.PercentageComplete = 100;
                refresh.End = cloud.Now;
                if (refresh.DesiredTemplate is { } desired)
                {
                    (group.LaunchConfigurationName, group.LaunchTemplate) = (null, desired); // as AWS: the group takes the desired configuration on success
                }
            }

            return;
        }

        if (!settled)
        {
            return;
        }

        var minHealthy = (int)Math.Ceiling(group.DesiredCapacity * refresh.MinHealthyPercentage / 100.0);
        var batch = Math.Max(1, group.Active.Count() - minHealthy);
        foreach (var member in old.OrderBy(m => m.Launched).Take(batch))
        {
            refresh.Replaced.Add(member.InstanceId);
            Termination.Begin(cloud, group, member, Termination.Cause(cloud, $"an instance was taken out of service in response to an instance refresh ({refresh.Id})."));
        }
    }

    /// <summary>Whether SkipMatching leaves the member alone: it already runs the desired (else the group's) template version.</summary>
    internal static bool Skips(Cloud cloud, AutoScalingGroup group, InstanceRefresh refresh, GroupMember member)
    {
        if (!refresh.SkipMatching)
        {
            return false;
        }

        if (refresh.DesiredTemplate is not { } desired)
        {
            return TerminationPolicy.IsCurrent(cloud, group, member);
        }

        var template = cloud.State.FindTemplate(desired.Id, desired.Name);
        var version = template?.Resolve(desired.Version);
        return template is not null && version is not null && member.LaunchTemplate?.Id == template.Id
            && member.LaunchTemplate.Version == version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
