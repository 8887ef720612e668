using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// Suspends processes for a deploy and puts the group back as it was: exactly the sizes it had, and only the processes
/// the deploy suspended resumed, never one the user had suspended before.
/// </summary>
/// <param name="run">The deploy.</param>
/// <param name="suspendedByDeploy">What the deploy had suspended already (when taking over an interrupted one).</param>
internal sealed class GroupRestore(DeployRun run, IEnumerable<string>? suspendedByDeploy = null)
{
    private readonly List<string> suspended = [.. suspendedByDeploy ?? []];

    /// <summary>Gets the processes the deploy suspended.</summary>
    public IReadOnlyList<string> Suspended => suspended;

    /// <summary>Suspends processes that are not suspended yet, and notes them.</summary>
    public async Task SuspendAsync(IEnumerable<string> processes, CancellationToken cancellationToken)
    {
        var missing = processes.Except(run.Before.Group.SuspendedProcesses).Except(suspended).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // noted before the call: a run killed during it leaves a record that resumes them (harmless if it never landed)
        suspended.AddRange(missing);
        await run.SaveAsync(run.Record.Phase, r => r with { SuspendedByDeploy = [.. suspended] }, cancellationToken).ConfigureAwait(false);
        await run.Services.Aws.ScalingProcesses.SuspendProcessesAsync(run.GroupName, missing, cancellationToken).ConfigureAwait(false);
        run.Log.Information("  suspended {0}", string.Join(", ", missing));
    }

    /// <summary>Resumes processes the deploy suspended.</summary>
    public async Task ResumeAsync(IEnumerable<string> processes, CancellationToken cancellationToken)
    {
        var ours = processes.Intersect(suspended).ToList();
        if (ours.Count == 0)
        {
            return;
        }

        await run.Services.Aws.ScalingProcesses.ResumeProcessesAsync(run.GroupName, ours, cancellationToken).ConfigureAwait(false);
        suspended.RemoveAll(ours.Contains);
        run.Log.Information("  resumed {0}", string.Join(", ", ours));
        await run.SaveAsync(run.Record.Phase, r => r with { SuspendedByDeploy = [.. suspended] }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets min, max and desired back to what the group had, then resumes what the deploy suspended.</summary>
    public Task RestoreAsync(CancellationToken cancellationToken)
    {
        var before = run.Before.Group;
        return RestoreAsync(new GroupSizes(before.MinSize, before.MaxSize, before.DesiredCapacity), cancellationToken);
    }

    /// <summary>Sets min, max and desired (what the group had, or a new environment's sizes), then resumes what the deploy suspended.</summary>
    public async Task RestoreAsync(GroupSizes sizes, CancellationToken cancellationToken)
    {
        await run.Services.Aws.AutoScalingGroups.UpdateGroupAsync(
            new GroupUpdate(run.GroupName) { MinSize = sizes.Min, MaxSize = sizes.Max, DesiredCapacity = sizes.Desired },
            cancellationToken).ConfigureAwait(false);
        var before = run.Before.Group;
        var same = sizes == new GroupSizes(before.MinSize, before.MaxSize, before.DesiredCapacity);
        run.Log.Information(same ? "  sizes back to min {0}, max {1}, desired {2}" : "  sizes set to min {0}, max {1}, desired {2} (group_settings)", sizes.Min, sizes.Max, sizes.Desired);
        await ResumeAsync([.. suspended], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raises the maximum size when the group must grow past it.</summary>
    public async Task EnsureMaxAsync(int needed, int current, CancellationToken cancellationToken)
    {
        if (needed <= current)
        {
            return;
        }

        await run.Services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(run.GroupName) { MaxSize = needed }, cancellationToken).ConfigureAwait(false);
        run.Log.Information("  max size raised from {0} to {1} for the deploy", current, needed);
    }
}
