using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>One instance as the deploy sees it: the group's view and every load balancer's.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Lifecycle">The group's lifecycle state; Gone once the group no longer lists it.</param>
/// <param name="GroupHealth">The group's health: Healthy or Unhealthy.</param>
/// <param name="Source">The launch source it came from.</param>
/// <param name="Balancers">Its health in each load balancer and target group.</param>
/// <param name="FirstSeen">When the deploy first saw it.</param>
internal sealed record InstanceView(string InstanceId, string Lifecycle, string GroupHealth, LaunchSource? Source, IReadOnlyDictionary<LoadBalancerRef, InstanceHealth> Balancers, DateTimeOffset FirstSeen)
{
    /// <summary>The lifecycle of an instance the group no longer lists.</summary>
    public const string Gone = "Gone";

    /// <summary>Gets a value indicating whether it counts towards the group's capacity.</summary>
    public bool IsActive => Lifecycle is "Pending" or "Pending:Wait" or "Pending:Proceed" or "InService";

    /// <summary>Gets a value indicating whether it serves: InService, Healthy, and healthy in every load balancer.</summary>
    public bool Serves => Lifecycle == "InService" && GroupHealth == "Healthy" && Balancers.Values.All(h => h.Health == BackendHealth.Healthy);

    /// <summary>Gets a value indicating whether no load balancer has it any more (and the group does not list it).</summary>
    public bool HasLeft => Lifecycle is Gone or "Terminated" && Balancers.Values.All(h => h.Health == BackendHealth.NotRegistered);

    /// <inheritdoc />
    public override string ToString() => $"{InstanceId} {Lifecycle}/{GroupHealth}"
        + string.Concat(Balancers.Select(b => $", {b.Key.Id}: {b.Value.State}{(string.IsNullOrEmpty(b.Value.Reason) ? string.Empty : $" ({b.Value.Reason})")}"));
}

/// <summary>The group and its load balancers at one poll.</summary>
/// <param name="Group">The group.</param>
/// <param name="Instances">Its instances, and the ones asked about that it no longer lists.</param>
/// <param name="FailedActivities">Scaling activities that failed since the deploy started, newest first.</param>
/// <param name="LatestActivity">The newest scaling activity, or null.</param>
internal sealed record GroupView(AutoScalingGroup Group, IReadOnlyList<InstanceView> Instances, IReadOnlyList<ScalingActivity> FailedActivities, ScalingActivity? LatestActivity)
{
    /// <summary>Gets the instances that count towards capacity.</summary>
    public IEnumerable<InstanceView> Active => Instances.Where(i => i.IsActive);

    /// <summary>Finds an instance.</summary>
    /// <param name="id">The instance id.</param>
    /// <returns>The view, or null.</returns>
    public InstanceView? Find(string id) => Instances.FirstOrDefault(i => i.InstanceId == id);

    /// <summary>Describes the instances asked about and the latest activity, for progress lines and timeouts.</summary>
    /// <param name="ids">The instances, or null for every active one.</param>
    /// <returns>The text.</returns>
    public string Describe(IEnumerable<string>? ids = null)
    {
        var shown = ids is null ? Active.ToList() : ids.Select(id => Find(id)).OfType<InstanceView>().ToList();
        var activity = LatestActivity is { } a ? $"; latest activity: {a.StatusCode}{(a.StatusMessage is { Length: > 0 } m ? $" ({m})" : string.Empty)}: {a.Description}" : string.Empty;
        return (shown.Count == 0 ? "no instances" : string.Join("; ", shown)) + activity;
    }
}

/// <summary>
/// Reads the group, every load balancer's view of its instances and the latest scaling activities in one poll: one
/// call for the group, one per load balancer or target group, one for activities, whatever the group's size.
/// </summary>
/// <param name="groups">The Auto Scaling groups port.</param>
/// <param name="loadBalancing">The load balancing port.</param>
/// <param name="time">The clock.</param>
/// <param name="groupName">The group.</param>
/// <param name="balancers">The group's load balancers and target groups.</param>
internal sealed class GroupObserver(IAutoScalingGroups groups, ILoadBalancing loadBalancing, TimeProvider time, string groupName, IReadOnlyList<LoadBalancerRef> balancers)
{
    private readonly Dictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);
    private HashSet<string>? activitiesBefore;

    /// <summary>Gets the load balancers and target groups.</summary>
    public IReadOnlyList<LoadBalancerRef> Balancers => balancers;

    /// <summary>Polls once.</summary>
    /// <param name="alsoAsk">Instances to report even when the group no longer lists them (to see them leave).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The view.</returns>
    public async Task<GroupView> ObserveAsync(IEnumerable<string>? alsoAsk = null, CancellationToken cancellationToken = default)
    {
        var group = await groups.FindGroupAsync(groupName, cancellationToken).ConfigureAwait(false)
            ?? throw new Core.CakeException($"Auto Scaling group '{groupName}' disappeared during the deploy.");
        var ids = group.Instances.Select(i => i.InstanceId).Union(alsoAsk ?? [], StringComparer.Ordinal).ToList();
        var health = new Dictionary<LoadBalancerRef, IReadOnlyList<InstanceHealth>>();
        foreach (var balancer in balancers)
        {
            health[balancer] = ids.Count == 0 ? [] : await loadBalancing.GetHealthAsync(balancer, ids, cancellationToken).ConfigureAwait(false);
        }

        var activities = await groups.DescribeActivitiesAsync(groupName, 10, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var views = ids.Select(id =>
        {
            var member = group.Instances.FirstOrDefault(i => i.InstanceId == id);
            if (!firstSeen.TryGetValue(id, out var seen))
            {
                firstSeen[id] = seen = now;
            }

            var balancerViews = balancers.ToDictionary(
                b => b,
                b => health[b].FirstOrDefault(h => h.InstanceId == id) ?? new InstanceHealth(id, BackendHealth.NotRegistered, "not registered", null));
            return new InstanceView(id, member?.LifecycleState ?? InstanceView.Gone, member?.HealthStatus ?? "-", member?.LaunchSource, balancerViews, seen);
        }).ToList();
        activitiesBefore ??= [.. activities.Select(a => a.ActivityId)]; // what failed before the deploy is not its failure
        var failed = activities.Where(a => a.StatusCode is "Failed" or "Cancelled" && !activitiesBefore.Contains(a.ActivityId)).ToList();
        return new GroupView(group, views, failed, activities.FirstOrDefault());
    }
}
