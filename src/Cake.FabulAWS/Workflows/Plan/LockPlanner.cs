using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Plan;

/// <summary>The plans of Lock and Unlock: whether the run would be refused, and the tags it would write or remove.</summary>
/// <param name="services">The run's services.</param>
internal sealed class LockPlanner(EnvironmentServices services)
{
    private string Environment => $"{services.Target.Deployment}/{services.Target.Environment}";

    public async Task<(PlanReport Plan, GroupLock Lock)> LockAsync(string? message, CancellationToken cancellationToken)
    {
        var plan = new PlanReport("Lock");
        var locks = new DeployLock(services);
        var mine = locks.HandLock(message);
        if (await GroupAsync(plan, cancellationToken).ConfigureAwait(false) is not { } tags)
        {
            return (plan, mine);
        }

        var now = services.Time.GetUtcNow();
        if (TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags) is not { } current)
        {
            plan.Ok($"{Environment} is not locked");
        }
        else if (locks.StaleReason(current, now) is { } stale)
        {
            plan.Warn($"the lock is stale ({stale}): the run breaks it. It was {current.Describe(now)}");
        }
        else if (services.Options.BreakLock)
        {
            plan.Warn($"--break-lock: the run replaces the live lock of {current.Describe(now)}");
        }
        else
        {
            plan.Problem($"Lock would be refused: {Environment} is locked by {current.Describe(now)}");
        }

        plan.Step("autoscaling", "CreateOrUpdateTags", $"{services.Target.AutoScalingGroupName}: {GroupLock.TagPrefix}* = the lock {mine.Describe(now)}, without expiry (then read back after {services.Target.Timeouts.LockSettle.TotalSeconds:0.###} s); every changing target is refused until --target=Unlock");
        return (plan, mine);
    }

    public async Task<PlanReport> UnlockAsync(CancellationToken cancellationToken)
    {
        var plan = new PlanReport("Unlock");
        if (await GroupAsync(plan, cancellationToken).ConfigureAwait(false) is not { } tags)
        {
            return plan;
        }

        var now = services.Time.GetUtcNow();
        if (TagChunks.Read<GroupLock>(GroupLock.TagPrefix, tags) is not { } current)
        {
            plan.Ok($"{Environment} is not locked: nothing to do");
            return plan;
        }

        if (current.ProcessId != 0 && new DeployLock(services).StaleReason(current, now) is null)
        {
            if (services.Options.BreakLock)
            {
                plan.Warn($"--break-lock: the run removes the lock of a run that is still going: {current.Describe(now)}");
            }
            else
            {
                plan.Problem($"Unlock would be refused: {Environment} is locked by a run that is still going: {current.Describe(now)} (add --break-lock to remove it anyway)");
            }
        }
        else
        {
            plan.Ok($"{Environment} is locked by {current.Describe(now)}");
        }

        plan.Step("autoscaling", "DeleteTags", $"{services.Target.AutoScalingGroupName}: the {GroupLock.TagPrefix}* tags of that lock");
        return plan;
    }

    private async Task<IReadOnlyDictionary<string, string>?> GroupAsync(PlanReport plan, CancellationToken cancellationToken)
    {
        var name = services.Target.AutoScalingGroupName;
        if (await services.Aws.AutoScalingGroups.FindGroupAsync(name, cancellationToken).ConfigureAwait(false) is { } group)
        {
            return group.Tags;
        }

        plan.Problem($"Auto Scaling group '{name}' of {Environment} not found (auto_scaling_groups in fabulaws-config.yml)");
        return null;
    }
}
