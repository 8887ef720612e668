using Cake.Core.Diagnostics;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>The instances a serial deploy replaced and kept in Standby (<c>keep_previous</c>), with what they run and until when.</summary>
/// <param name="Source">The launch source they run.</param>
/// <param name="Commit">Its commit.</param>
/// <param name="Instances">The instance ids.</param>
/// <param name="Until">When they are terminated.</param>
public sealed record KeptSet(LaunchSource Source, string Commit, IReadOnlyList<string> Instances, DateTimeOffset Until);

/// <summary>
/// The Standby instances kept for an instant rollback, on the group's tags (<c>fabulaws:standby:</c>): added to as a
/// deploy moves old instances to Standby, terminated once their time is up.
/// </summary>
/// <param name="services">The run's services.</param>
internal sealed class KeptInstances(EnvironmentServices services)
{
    /// <summary>The tag keys of the kept set.</summary>
    public const string TagPrefix = "fabulaws:standby:";

    private string GroupName => services.Target.AutoScalingGroupName;

    public static KeptSet? FromTags(IReadOnlyDictionary<string, string> tags) => TagChunks.Read<KeptSet>(TagPrefix, tags);

    public async Task<KeptSet?> ReadAsync(CancellationToken cancellationToken) =>
        (await services.Aws.AutoScalingGroups.FindGroupAsync(GroupName, cancellationToken).ConfigureAwait(false)) is { } group ? FromTags(group.Tags) : null;

    /// <summary>Notes the set (before the instances enter Standby: a run killed meanwhile leaves them findable).</summary>
    public async Task SaveAsync(KeptSet set, CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(GroupName, cancellationToken).ConfigureAwait(false);
        await TagChunks.ReplaceAsync(services.Aws.AutoScalingGroups, GroupName, TagPrefix, set, group?.Tags ?? new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the set (its instances are back in service or gone).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(GroupName, cancellationToken).ConfigureAwait(false);
        await TagChunks.RemoveAsync(services.Aws.AutoScalingGroups, GroupName, TagPrefix, group?.Tags ?? new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What Cleanup would terminate (--plan).</summary>
    public async Task<(Plan.PlanReport Plan, IReadOnlyList<string> Terminated)> PlanCleanupAsync(bool now, CancellationToken cancellationToken)
    {
        var plan = new Plan.PlanReport("Cleanup");
        var set = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            plan.Ok("no instances are kept in Standby");
        }
        else if (!now && services.Time.GetUtcNow() < set.Until)
        {
            plan.Ok($"{set.Instances.Count} instance(s) of {set.Source} are kept until {set.Until:u}: nothing to do before then (--now terminates them)");
        }
        else
        {
            foreach (var id in set.Instances)
            {
                plan.Step("autoscaling", "TerminateInstanceInAutoScalingGroup", $"{id} (kept in Standby until {set.Until:u})");
            }
        }

        return (plan, []);
    }

    /// <summary>Terminates the kept instances when their time is up, or at once with <paramref name="now"/>.</summary>
    /// <returns>The instances terminated.</returns>
    public async Task<IReadOnlyList<string>> CleanupAsync(bool now, CancellationToken cancellationToken)
    {
        var group = await services.Aws.AutoScalingGroups.FindGroupAsync(GroupName, cancellationToken).ConfigureAwait(false);
        if (group is null || FromTags(group.Tags) is not { } set)
        {
            return [];
        }

        var left = services.Time.GetUtcNow() < set.Until;
        if (left && !now)
        {
            services.Log.Information("Kept for an instant Rollback until {0:u}: {1} instance(s) of {2} in Standby ({3}).", set.Until, set.Instances.Count, set.Source, string.Join(", ", set.Instances));
            return [];
        }

        var standby = group.Instances.Where(i => set.Instances.Contains(i.InstanceId) && i.LifecycleState is "Standby" or "EnteringStandby").Select(i => i.InstanceId).ToList();
        foreach (var id in standby)
        {
            await services.Aws.GroupInstances.TerminateAsync(id, decrementDesiredCapacity: true, cancellationToken).ConfigureAwait(false);
        }

        await ClearAsync(cancellationToken).ConfigureAwait(false);
        services.Log.Information("Terminated {0} instance(s) of {1} kept in Standby {2} ({3}).", standby.Count, set.Source, left ? "before their time (--now)" : $"until {set.Until:u}", string.Join(", ", standby.DefaultIfEmpty("none left")));
        return standby;
    }
}
