using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Autoscaling;

/// <summary>Suspends or resumes scaling processes of the environment's group, then shows the group's state (FabulAWS suspend/resume_autoscaling_processes).</summary>
/// <param name="groups">The Auto Scaling groups port.</param>
/// <param name="processes">The scaling processes port.</param>
/// <param name="log">The Cake log.</param>
internal sealed class AutoscalingProcessesWorkflow(IAutoScalingGroups groups, IScalingProcesses processes, ICakeLog log)
{
    /// <summary>Suspends processes; ones already suspended stay so.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="names">Checked process names (<see cref="ScalingProcessNames.Parse"/>); empty for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group afterwards.</returns>
    public Task<AutoScalingGroup> SuspendAsync(string groupName, IReadOnlyList<string> names, CancellationToken cancellationToken = default) =>
        ChangeAsync(groupName, names, suspend: true, cancellationToken);

    /// <summary>Resumes processes; ones not suspended are fine.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="names">Checked process names; empty for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group afterwards.</returns>
    public Task<AutoScalingGroup> ResumeAsync(string groupName, IReadOnlyList<string> names, CancellationToken cancellationToken = default) =>
        ChangeAsync(groupName, names, suspend: false, cancellationToken);

    /// <summary>What Suspend or Resume would call (--plan), and the group as it is.</summary>
    public async Task<(Plan.PlanReport Plan, AutoScalingGroup Group)> PlanAsync(string groupName, IReadOnlyList<string> names, bool suspend, CancellationToken cancellationToken)
    {
        var plan = new Plan.PlanReport(suspend ? "SuspendAutoscaling" : "ResumeAutoscaling");
        var group = await FindAsync(groupName, cancellationToken).ConfigureAwait(false);
        var all = names.Count == 0 ? ScalingProcessNames.All : names;
        var changing = suspend ? all.Except(group.SuspendedProcesses).ToList() : all.Intersect(group.SuspendedProcesses).ToList();
        plan.Ok($"group {groupName}: suspended now: {(group.SuspendedProcesses.Count == 0 ? "none" : string.Join(", ", group.SuspendedProcesses))}");
        plan.Step("autoscaling", suspend ? "SuspendProcesses" : "ResumeProcesses", $"{groupName} {(names.Count == 0 ? "every process" : string.Join(", ", names))} (changes {(changing.Count == 0 ? "nothing" : string.Join(", ", changing))})");
        return (plan, group);
    }

    private async Task<AutoScalingGroup> ChangeAsync(string groupName, IReadOnlyList<string> names, bool suspend, CancellationToken cancellationToken)
    {
        var before = await FindAsync(groupName, cancellationToken).ConfigureAwait(false);
        var which = names.Count == 0 ? "every process" : string.Join(", ", names);
        log.Information("{0} {1} of {2} (suspended before: {3})", suspend ? "Suspending" : "Resuming", which, groupName, before.SuspendedProcesses.Count == 0 ? "none" : string.Join(", ", before.SuspendedProcesses));
        if (suspend)
        {
            await processes.SuspendProcessesAsync(groupName, names, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await processes.ResumeProcessesAsync(groupName, names, cancellationToken).ConfigureAwait(false);
        }

        var after = await FindAsync(groupName, cancellationToken).ConfigureAwait(false);
        foreach (var line in GroupState.Describe(after))
        {
            log.Information("{0}", line);
        }

        return after;
    }

    private async Task<AutoScalingGroup> FindAsync(string groupName, CancellationToken cancellationToken) =>
        await groups.FindGroupAsync(groupName, cancellationToken).ConfigureAwait(false)
        ?? throw new CakeException($"Auto Scaling group '{groupName}' not found: check auto_scaling_groups in fabulaws-config.yml and the region. Nothing was changed.");
}
