using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Autoscaling;

/// <summary>A group's state in a few readable lines: sizes and launch source, suspended processes with AWS's reason, instances by lifecycle and health.</summary>
public static class GroupState
{
    /// <summary>Describes a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Describe(AutoScalingGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var lines = new List<string>
        {
            $"Auto Scaling group {group.Name}: min {group.MinSize}, max {group.MaxSize}, desired {group.DesiredCapacity}; {group.LaunchSource?.ToString() ?? "no launch source"}",
            group.SuspendedProcesses.Count == 0
                ? "  suspended processes: none"
                : "  suspended processes: " + string.Join(", ", ScalingProcessNames.All.Where(group.SuspendedProcesses.Contains).Concat(group.SuspendedProcesses.Except(ScalingProcessNames.All))
                    .Select(p => group.SuspensionReasons.TryGetValue(p, out var reason) && reason.Length > 0 ? $"{p} ({reason})" : p)),
        };
        if (group.Instances.Count == 0)
        {
            lines.Add("  instances: none");
        }

        foreach (var kind in group.Instances.GroupBy(i => (i.LifecycleState, i.HealthStatus)).OrderBy(k => k.Key.LifecycleState, StringComparer.Ordinal).ThenBy(k => k.Key.HealthStatus, StringComparer.Ordinal))
        {
            lines.Add($"  {kind.Count()} {kind.Key.LifecycleState}/{kind.Key.HealthStatus}: {string.Join(", ", kind.Select(i => i.InstanceId).Order(StringComparer.Ordinal))}");
        }

        return lines;
    }
}
