using System.Globalization;
using LocalAws.Model;

namespace LocalAws.Control;

/// <summary>
/// Chooses which instances go on scale-in, as Auto Scaling does: first the availability zone with the most
/// instances, then each of the group's termination policies in order narrows the candidates, then Default,
/// then a (seeded) random pick among what is left.
/// </summary>
internal static class TerminationPolicy
{
    public static readonly string[] Known = ["Default", "OldestInstance", "NewestInstance", "OldestLaunchConfiguration", "OldestLaunchTemplate", "ClosestToNextInstanceHour", "AllocationStrategy"];

    public static List<GroupMember> Choose(Cloud cloud, AutoScalingGroup group, int count)
    {
        var remaining = group.Active.ToList();
        var chosen = new List<GroupMember>();
        while (chosen.Count < count && remaining.Count > 0)
        {
            var pick = PickOne(cloud, group, remaining);
            chosen.Add(pick);
            remaining.Remove(pick);
        }

        return chosen;
    }

    private static GroupMember PickOne(Cloud cloud, AutoScalingGroup group, List<GroupMember> remaining)
    {
        var largestZone = remaining.GroupBy(m => m.AvailabilityZone).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var set = largestZone.ToList();
        foreach (var policy in group.TerminationPolicies.Append("Default"))
        {
            if (set.Count == 1)
            {
                break;
            }

            set = Apply(cloud, group, policy, set);
        }

        return set[cloud.NextInt(set.Count)];
    }

    private static List<GroupMember> Apply(Cloud cloud, AutoScalingGroup group, string policy, List<GroupMember> set) => policy switch
    {
        "OldestInstance" => set.Where(m => m.Launched == set.Min(x => x.Launched)).ToList(),
        "NewestInstance" => set.Where(m => m.Launched == set.Max(x => x.Launched)).ToList(),
        "OldestLaunchConfiguration" => OldestLaunchConfiguration(cloud, set),
        "OldestLaunchTemplate" => OldestLaunchTemplate(cloud, group, set),
        "Default" => Prefer(set, m => !IsCurrent(cloud, group, m)),
        _ => set,
    };

    private static List<GroupMember> OldestLaunchConfiguration(Cloud cloud, List<GroupMember> set)
    {
        DateTimeOffset Created(GroupMember m) => m.LaunchConfigurationName is { } n && cloud.State.LaunchConfigurations.TryGetValue(n, out var lc) ? lc.Created : DateTimeOffset.MinValue;
        var withConfig = set.Where(m => m.LaunchConfigurationName is not null).ToList();
        if (withConfig.Count == 0)
        {
            return set;
        }

        var oldest = withConfig.Min(Created);
        return withConfig.Where(m => Created(m) == oldest).ToList();
    }

    private static List<GroupMember> OldestLaunchTemplate(Cloud cloud, AutoScalingGroup group, List<GroupMember> set)
    {
        var currentId = group.LaunchTemplate is { } t ? cloud.State.LaunchTemplates.GetValueOrDefault(t.Id)?.Id : null;
        var other = set.Where(m => m.LaunchTemplate?.Id != currentId).ToList();
        if (other.Count > 0)
        {
            return other;
        }

        static long Version(GroupMember m) => long.TryParse(m.LaunchTemplate?.Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var oldest = set.Min(Version);
        return set.Where(m => Version(m) == oldest).ToList();
    }

    private static List<GroupMember> Prefer(List<GroupMember> set, Func<GroupMember, bool> predicate)
    {
        var preferred = set.Where(predicate).ToList();
        return preferred.Count > 0 ? preferred : set;
    }

    /// <summary>Whether the member was launched from the group's current launch configuration or template version.</summary>
    public static bool IsCurrent(Cloud cloud, AutoScalingGroup group, GroupMember member)
    {
        if (group.LaunchConfigurationName is { } lc)
        {
            return member.LaunchConfigurationName == lc;
        }

        if (group.LaunchTemplate is not { } spec || member.LaunchTemplate is null)
        {
            return false;
        }

        var template = cloud.State.LaunchTemplates.GetValueOrDefault(spec.Id);
        var version = template?.Resolve(spec.Version);
        return template is not null && version is not null && member.LaunchTemplate.Id == template.Id
            && member.LaunchTemplate.Version == version.Number.ToString(CultureInfo.InvariantCulture);
    }
}
