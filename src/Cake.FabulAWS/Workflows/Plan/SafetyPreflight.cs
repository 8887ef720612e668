using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>What every changing run does before its own work, as a plan: the lock, an interrupted deploy, kept instances whose time is up.</summary>
internal static class SafetyPreflight
{
    public static async Task<(IReadOnlyList<PlanCheck> Checks, IReadOnlyList<PlanStep> Steps)> ReadAsync(EnvironmentServices services, string what, CancellationToken cancellationToken)
    {
        var checks = new List<PlanCheck>();
        var steps = new List<PlanStep>();
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(services.Target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            return (checks, steps);
        }

        var now = services.Time.GetUtcNow();
        var held = TagChunks.Read<GroupLock>(GroupLock.TagPrefix, group.Tags);
        var stale = held is null ? null : new DeployLock(services).StaleReason(held, now);
        checks.Add(held switch
        {
            null => new PlanCheck(PlanCheckLevel.Ok, "the lock is free: the run takes it and releases it at the end"),
            _ when stale is not null => new PlanCheck(PlanCheckLevel.Warning, $"the lock is stale ({stale}): the run breaks it. It was {held.Describe(now)}"),
            _ when services.Options.BreakLock => new PlanCheck(PlanCheckLevel.Warning, $"--break-lock: the run breaks the live lock of {held.Describe(now)}"),
            _ => new PlanCheck(PlanCheckLevel.Problem, $"{what} would be refused: locked by {held.Describe(now)}"),
        });
        if (DeployRecord.FromTags(group.Tags) is { } record)
        {
            var (forward, why) = InterruptedDeploy.Decide(record);
            checks.Add(new PlanCheck(PlanCheckLevel.Warning, $"an interrupted {record.Kind} to {record.NewSource.ReleaseName} (phase '{record.Phase}') is {(forward ? "finished" : "rolled back")} first ({why}); the changes below are planned on the group as it is now"));
        }

        if (what != "Cleanup" && KeptInstances.FromTags(group.Tags) is { } kept && kept.Until <= now)
        {
            steps.AddRange(kept.Instances.Select(id => new PlanStep("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} (kept in Standby until {kept.Until:u}: its time is up)")));
        }

        return (checks, steps);
    }
}
