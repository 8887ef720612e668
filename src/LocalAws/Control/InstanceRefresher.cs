using System.Globalization;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>
/// Rolling instance refresh and its rollback. Replacements come first when MaxHealthyPercentage leaves room
/// above the desired capacity (<see cref="Surplus"/>, which the group controller launches), and old instances go
/// only while MinHealthyPercentage of the desired capacity stays InService, healthy and warmed up. A refresh that
/// does not move on for an hour (scaled by TimeScale) fails, and rolls back if AutoRollback asks it to.
/// </summary>
internal static class InstanceRefresher
{
    /// <summary>How long a refresh may wait for its replacements (AWS: one hour), in AWS seconds.</summary>
    public const int TimeoutSeconds = 3600;

    public static InstanceRefresh? Active(Cloud cloud, AutoScalingGroup group) =>
        cloud.State.InstanceRefreshes.LastOrDefault(r => r.GroupName == group.Name && r.IsActive);

    public static void Advance(Cloud cloud, AutoScalingGroup group)
    {
        var refresh = Active(cloud, group);
        if (refresh is null || group.IsSuspended("InstanceRefresh"))
        {
            return;
        }

        refresh.Status = refresh.Status == "Pending" ? "InProgress" : refresh.Status;
        var old = ToReplace(cloud, group, refresh);
        var total = Math.Max(refresh.InstancesToUpdate, 1);
        refresh.PercentageComplete = Math.Clamp(100 * (refresh.InstancesToUpdate - old.Count) / total, 0, 100);
        var waitingForStandby = HandleStandby(cloud, group, refresh);
        var target = group.DesiredCapacity + Surplus(cloud, group);
        var settled = group.Active.All(m => Ready(cloud, refresh, m)) && group.Active.Count() >= target
            && group.Members.All(m => m.Lifecycle != "Terminating");
        if (old.Count == 0 && settled && !waitingForStandby)
        {
            Finish(group, refresh, cloud.Now);
        }
        else if (old.Count > 0 && settled)
        {
            var minHealthy = (int)Math.Ceiling(group.DesiredCapacity * refresh.MinHealthyPercentage / 100.0);
            var room = group.Active.Count() - minHealthy;
            var batch = Math.Min(old.Count, target > group.DesiredCapacity ? room : Math.Max(1, room));
            foreach (var member in old.OrderBy(m => m.Launched).Take(batch))
            {
                refresh.Replaced.Add(member.InstanceId);
                refresh.LastProgress = cloud.Now;
                Termination.Begin(cloud, group, member, Termination.Cause(cloud, $"an instance was taken out of service in response to an instance refresh ({refresh.Id})."));
            }
        }

        if (refresh.IsActive && cloud.Now - refresh.LastProgress > cloud.Options.Scaled(TimeoutSeconds))
        {
            Fail(cloud, group, refresh, waitingForStandby && old.Count == 0);
        }
    }

    /// <summary>How many instances above the desired capacity the active refresh may launch ahead of terminating (MaxHealthyPercentage).</summary>
    public static int Surplus(Cloud cloud, AutoScalingGroup group)
    {
        var refresh = Active(cloud, group);
        if (refresh is not { MaxHealthyPercentage: > 100 } || group.IsSuspended("InstanceRefresh"))
        {
            return 0;
        }

        var max = (int)Math.Floor(group.DesiredCapacity * refresh.MaxHealthyPercentage.Value / 100.0);
        return Math.Clamp(max - group.DesiredCapacity, 0, ToReplace(cloud, group, refresh).Count);
    }

    /// <summary>Starts the rollback: the group gets its configuration back, and what the refresh launched is replaced.</summary>
    public static void RollBack(Cloud cloud, AutoScalingGroup group, InstanceRefresh refresh, string reason)
    {
        refresh.Rollback = new RollbackDetails(reason, cloud.Now, refresh.PercentageComplete, refresh.InstancesToUpdate);
        refresh.Status = "RollbackInProgress";
        refresh.StatusReason = null;
        refresh.LastProgress = cloud.Now;
        refresh.Replaced.Clear();
        (group.LaunchConfigurationName, group.LaunchTemplate) = (refresh.SavedLaunchConfiguration, refresh.SavedTemplate);
        refresh.InstancesToUpdate = ToReplace(cloud, group, refresh).Count;
        refresh.PercentageComplete = 0;
        cloud.Wake();
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

        var template = cloud.State.LaunchTemplates.GetValueOrDefault(desired.Id);
        var version = template?.Resolve(desired.Version);
        return template is not null && version is not null && member.LaunchTemplate?.Id == template.Id
            && member.LaunchTemplate.Version == version.Number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The members still to replace: forward, those older than the refresh; rolling back, those it launched on the desired configuration.</summary>
    private static List<GroupMember> ToReplace(Cloud cloud, AutoScalingGroup group, InstanceRefresh refresh) =>
        refresh.Status == "RollbackInProgress"
            ? group.Active.Where(m => m.Launched >= refresh.Start && !refresh.Replaced.Contains(m.InstanceId) && !TerminationPolicy.IsCurrent(cloud, group, m)).ToList()
            : group.Active.Where(m => m.Launched < refresh.Start && !refresh.Replaced.Contains(m.InstanceId) && !Skips(cloud, group, refresh, m)).ToList();

    private static bool Ready(Cloud cloud, InstanceRefresh refresh, GroupMember m) =>
        m.Lifecycle == "InService" && m.Health == "Healthy" && m.InServiceAt + cloud.Options.Scaled(refresh.InstanceWarmup) <= cloud.Now;

    /// <summary>Applies StandbyInstances to the old Standby instances; true while Wait keeps the refresh from finishing.</summary>
    private static bool HandleStandby(Cloud cloud, AutoScalingGroup group, InstanceRefresh refresh)
    {
        if (refresh.Status == "RollbackInProgress" || refresh.StandbyInstances == "Ignore")
        {
            return false;
        }

        var standby = group.OnStandby.Where(m => m.Launched < refresh.Start && !Skips(cloud, group, refresh, m)).ToList();
        if (refresh.StandbyInstances == "Terminate")
        {
            foreach (var member in standby)
            {
                Termination.Begin(cloud, group, member, Termination.Cause(cloud, $"an instance in Standby was terminated in response to an instance refresh ({refresh.Id})."));
            }

            return false;
        }

        return standby.Count > 0;
    }

    private static void Finish(AutoScalingGroup group, InstanceRefresh refresh, DateTimeOffset now)
    {
        refresh.PercentageComplete = 100;
        refresh.End = now;
        if (refresh.Status == "RollbackInProgress")
        {
            refresh.Status = "RollbackSuccessful";
            return;
        }

        refresh.Status = "Successful";
        if (refresh.DesiredTemplate is { } desired)
        {
            (group.LaunchConfigurationName, group.LaunchTemplate) = (null, desired); // as AWS: the group takes the desired configuration on success
        }
    }

    private static void Fail(Cloud cloud, AutoScalingGroup group, InstanceRefresh refresh, bool waitingForStandby)
    {
        var reason = waitingForStandby
            ? "The instance refresh failed: instances in Standby state were not returned to service within one hour (StandbyInstances: Wait)."
            : $"The instance refresh failed: the replacement instances did not become healthy and warmed up within {TimeoutSeconds} seconds.";
        if (refresh.Status == "InProgress" && refresh.AutoRollback)
        {
            RollBack(cloud, group, refresh, "Rollback started because the instance refresh failed: " + reason);
            return;
        }

        refresh.Status = refresh.Status == "RollbackInProgress" ? "RollbackFailed" : "Failed";
        refresh.StatusReason = reason;
        refresh.End = cloud.Now;
    }
}
