using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.LaunchConfig;
using Cake.FabulAWS.Workflows.Phases;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>
/// What every deploy shares: the group as it was, the release, the observer, the journal, the instances launched and
/// terminated, and the waits and actions on instances, each bounded and failing fast.
/// </summary>
internal sealed class DeployRun
{
    private readonly HashSet<string> launched = new(StringComparer.Ordinal);
    private readonly List<string> terminated = [];

    private DeployRun(EnvironmentServices services, string kind, LaunchConfigResult release, GroupObserver observer, GroupView before, DeployJournal journal, DeployRecord? resumed = null)
    {
        Services = services;
        Kind = kind;
        Release = release;
        Observer = observer;
        Before = before;
        Journal = journal;
        Phases = services.Phases;
        Record = new DeployRecord
        {
            Kind = kind,
            Phase = "start",
            Holder = DeployHolder.Describe(services.Variables),
            Started = services.Time.GetUtcNow(),
            Commit = release.Commit,
            NewSource = release.LaunchSource,
            OldSource = before.Group.LaunchSource,
            Sizes = [before.Group.MinSize, before.Group.MaxSize, before.Group.DesiredCapacity],
            SuspendedBefore = before.Group.SuspendedProcesses,
            OldInstances = [.. before.Active.Where(i => !LaunchSources.Same(i.Source, release.LaunchSource)).Select(i => i.InstanceId)],
        };
        if (resumed is not null)
        {
            Record = resumed;
            launched.UnionWith(resumed.Launched);
            terminated.AddRange(resumed.Terminated);
        }
    }

    public EnvironmentServices Services { get; }

    public string Kind { get; }

    public LaunchConfigResult Release { get; }

    public GroupObserver Observer { get; }

    /// <summary>Gets the group as it was when the deploy started.</summary>
    public GroupView Before { get; }

    public DeployJournal Journal { get; }

    public PhaseLog Phases { get; }

    public DeployRecord Record { get; private set; }

    public DeploymentTarget Target => Services.Target;

    public string GroupName => Target.AutoScalingGroupName;

    public ICakeLog Log => Services.Log;

    public IReadOnlyCollection<string> Launched => launched;

    public IReadOnlyList<string> Terminated => terminated;

    /// <summary>Gets a value indicating whether the group had no instances and no desired capacity: a new environment's.</summary>
    public bool IsEmptyGroup => Before.Group.DesiredCapacity == 0 && !Before.Active.Any();

    /// <summary>
    /// Gets the sizes the group ends a successful deploy with: the ones it had, or for an empty group those of
    /// <c>group_settings</c> (FabulAWS's deploy_full took <c>num_web</c> when the desired capacity was 0).
    /// </summary>
    public GroupSizes Final => IsEmptyGroup
        ? new GroupSizes(Target.Group.MinSize, Math.Max(Before.Group.MaxSize, Target.Group.MaxSize), Target.Group.DesiredCapacity)
        : new GroupSizes(Before.Group.MinSize, Before.Group.MaxSize, Before.Group.DesiredCapacity);

    /// <summary>Reads the group and its load balancers and finds the release to deploy.</summary>
    /// <param name="services">The run's services.</param>
    /// <param name="kind">DeployFull, DeploySerial or Rollback.</param>
    /// <param name="settings">What to deploy and the run's choices.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="plan">With --plan: nothing is changed (a group on $Latest is not pinned; the plan says it would be).</param>
    /// <param name="planned">With --plan of CreateEnvironment: the group that run makes first, in place of one to read.</param>
    public static async Task<DeployRun> StartAsync(EnvironmentServices services, string kind, DeploySettings settings, CancellationToken cancellationToken, bool plan = false, AutoScalingGroup? planned = null)
    {
        if (!plan)
        {
            ProductionConfirmation.Ensure(services.Target, kind, settings.Confirm, services.Confirmation);
        }

        var release = settings.Release
            ?? (settings.LaunchConfigName is { } name
                ? await new Releases(services).FindAsync(name, cancellationToken).ConfigureAwait(false)
                : throw new CakeException($"{kind} needs what to deploy: run CreateLaunchConfig first, or pass --launch-config=NAME of one it made."));
        var observer = await ObserverAsync(services, cancellationToken).ConfigureAwait(false);
        var before = planned is not null && plan
            ? new GroupView(planned, [], [], null)
            : await observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!plan && PinTarget(before) is { } pinned)
        {
            await services.Aws.AutoScalingGroups.UpdateGroupAsync(new GroupUpdate(before.Group.Name) { LaunchSource = pinned }, cancellationToken).ConfigureAwait(false);
            services.Log.Warning("Group {0} followed {1}: it is now pinned to version {2}, which its instances run, so that a rollback returns to it.", before.Group.Name, before.Group.LaunchSource!.LaunchTemplateVersion, pinned.LaunchTemplateVersion);
            before = before with { Group = before.Group with { LaunchSource = pinned } };
        }

        return new DeployRun(services, kind, release, observer, before, new DeployJournal(services.Aws.AutoScalingGroups, services.Target.AutoScalingGroupName));
    }

    /// <summary>
    /// The numbered version a group that follows <c>$Latest</c> or <c>$Default</c> is pinned to: the one its instances
    /// run, so that a rollback returns to that version and not to whatever <c>$Latest</c> means by then. Null when the
    /// group is pinned already or empty (nothing to return to).
    /// </summary>
    /// <exception cref="CakeException">Its instances run several versions, or ones the group does not name.</exception>
    internal static LaunchSource? PinTarget(GroupView before)
    {
        if (before.Group.LaunchSource is not { LaunchTemplateVersion: { } version } source || long.TryParse(version, out _) || !before.Active.Any())
        {
            return null;
        }

        var running = before.Active.Select(i => i.Source?.LaunchTemplateVersion).Distinct().ToList();
        return running is [{ } only] && long.TryParse(only, out _)
            ? source with { LaunchTemplateVersion = only }
            : throw new CakeException($"Group {before.Group.Name} follows {version} of its launch template and its instances run {string.Join(", ", running.Select(v => v ?? "an unknown version"))}, "
                + "so there is no version to roll back to. Point the group at a numbered version first (CreateLaunchConfig does it). Nothing was changed.");
    }

    /// <summary>
    /// Takes over a deploy an earlier run left interrupted: the group as the record says it was before (sizes,
    /// processes the user had suspended), the instances it launched and terminated, its record on the tags.
    /// </summary>
    public static async Task<DeployRun> ResumeAsync(EnvironmentServices services, DeployRecord record, int recordParts, CancellationToken cancellationToken)
    {
        var observer = await ObserverAsync(services, cancellationToken).ConfigureAwait(false);
        var now = await observer.ObserveAsync(record.OldInstances.Concat(record.Launched), cancellationToken).ConfigureAwait(false);
        var before = now with
        {
            Group = now.Group with
            {
                MinSize = record.Sizes[0],
                MaxSize = record.Sizes[1],
                DesiredCapacity = record.Sizes[2],
                LaunchSource = record.OldSource,
                SuspendedProcesses = record.SuspendedBefore,
            },
        };
        var release = new LaunchConfigResult(record.NewSource.ToString(), record.Commit, string.Empty, string.Empty, record.NewSource);
        var journal = new DeployJournal(services.Aws.AutoScalingGroups, services.Target.AutoScalingGroupName, recordParts);
        return new DeployRun(services, record.Kind, release, observer, before, journal, record);
    }

    internal static async Task<GroupObserver> ObserverAsync(EnvironmentServices services, CancellationToken cancellationToken)
    {
        var balancers = new List<LoadBalancerRef>(services.Target.LoadBalancerNames.Select(LoadBalancerRef.Classic));
        foreach (var group in services.Target.TargetGroups)
        {
            balancers.Add(await services.Aws.LoadBalancing.ResolveTargetGroupAsync(group, cancellationToken).ConfigureAwait(false));
        }

        return new GroupObserver(services.Aws.AutoScalingGroups, services.Aws.LoadBalancing, services.Time, services.Target.AutoScalingGroupName, balancers);
    }

    /// <summary>Adds the deploy's outcome to the group's history (best effort: the outcome itself is what matters).</summary>
    public async Task RecordOutcomeAsync(string result)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await new DeployHistory(Services).AddAsync(Kind, Release.Commit, Record.OldSource, Release.LaunchSource, result, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Warning("Could not add the deploy to the group's history ({0}); Rollback and DeployStatus will not know it.", e.Message);
        }
    }

    /// <summary>Notes the phase and what changed in the group's tags.</summary>
    public Task SaveAsync(string phase, Func<DeployRecord, DeployRecord>? change = null, CancellationToken cancellationToken = default)
    {
        Record = (change?.Invoke(Record) ?? Record) with { Phase = phase, Launched = [.. launched], Terminated = [.. terminated] };
        return Journal.SaveAsync(Record, cancellationToken);
    }

    /// <summary>Waits until the group is settled: every active instance serves, nothing pending or leaving.</summary>
    public Task<GroupView> WaitSettledAsync(CancellationToken cancellationToken) => Services.Waits.UntilAsync(
        new Wait<GroupView>($"group {GroupName} to settle (every instance InService and healthy)", Target.Timeouts.InstancesInService, ct => Observer.ObserveAsync(cancellationToken: ct),
            v => v.Instances.All(i => i.Serves) && v.Active.Count() == v.Group.DesiredCapacity)
        {
            Describe = v => v.Describe(),
            Poll = Target.Timeouts.Poll,
            DeadlineSetting = "timeouts.instances_in_service",
        },
        cancellationToken);

    /// <summary>
    /// Waits until <paramref name="count"/> instances the group launched after <paramref name="known"/> run
    /// <paramref name="source"/> and satisfy <paramref name="ready"/>; fails at once on a failed launch or a new
    /// instance the group reports unhealthy or replaces.
    /// </summary>
    public async Task<IReadOnlyList<InstanceView>> WaitForNewAsync(IReadOnlySet<string> known, int count, LaunchSource source, string what, Func<InstanceView, bool> ready, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<InstanceView> Fresh(GroupView v) => v.Instances.Where(i => !known.Contains(i.InstanceId) && (i.IsActive || seen.Contains(i.InstanceId)));
        var view = await Services.Waits.UntilAsync(
            new Wait<GroupView>(what, Target.Timeouts.InstancesInService + Target.Timeouts.InstanceHealthy, async ct =>
            {
                var observed = await Observer.ObserveAsync(seen, ct).ConfigureAwait(false);
                foreach (var fresh in observed.Instances.Where(i => !known.Contains(i.InstanceId) && i.IsActive))
                {
                    seen.Add(fresh.InstanceId);
                    launched.Add(fresh.InstanceId);
                }

                return observed;
            },
            v => Fresh(v).Count(i => LaunchSources.Same(i.Source, source) && ready(i)) >= count)
            {
                Describe = v => v.Describe(Fresh(v).Select(i => i.InstanceId).ToList()),
                FailFast = v => NewInstanceProblem(v, Fresh(v).ToList()),
                Poll = Target.Timeouts.Poll,
                DeadlineSetting = "timeouts.instances_in_service + timeouts.instance_healthy",
            },
            cancellationToken).ConfigureAwait(false);
        return [.. Fresh(view).Where(i => LaunchSources.Same(i.Source, source) && ready(i)).Take(count)];
    }

    /// <summary>Terminates instances of the group, lowering the desired capacity for each (no replacement).</summary>
    public async Task TerminateAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            await Services.Aws.GroupInstances.TerminateAsync(id, decrementDesiredCapacity: true, cancellationToken).ConfigureAwait(false);
            terminated.Add(id);
            Log.Information("  terminated {0} (desired capacity lowered by one)", id);
        }
    }

    /// <summary>
    /// Moves replaced instances to Standby instead of terminating them (<c>keep_previous</c>), lowering the desired
    /// capacity for each, and notes them as kept until <paramref name="until"/> before they go.
    /// </summary>
    public async Task StandbyAsync(IReadOnlyList<string> ids, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var kept = new KeptInstances(Services);
        var set = await kept.ReadAsync(cancellationToken).ConfigureAwait(false);
        var source = Record.OldSource ?? throw new CakeException($"Group {GroupName} had no launch source before the deploy: its instances cannot be kept for a rollback.");
        await kept.SaveAsync(new KeptSet(source, set?.Commit ?? "previous", [.. (set?.Instances ?? []).Union(ids)], until), cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(20))
        {
            await Services.Aws.GroupInstances.EnterStandbyAsync(GroupName, chunk, decrementDesiredCapacity: true, cancellationToken).ConfigureAwait(false);
        }

        Log.Information("  {0} moved to Standby (desired capacity lowered by {1}), kept for an instant Rollback until {2:u}", string.Join(", ", ids), ids.Count, until);
    }

    /// <summary>
    /// Brings instances back from Standby (raising the maximum when needed; AWS raises the desired capacity for each)
    /// and waits until they serve.
    /// </summary>
    public async Task ExitStandbyAsync(IReadOnlyList<string> ids, GroupRestore restore, CancellationToken cancellationToken)
    {
        var group = (await Observer.ObserveAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Group;
        await restore.EnsureMaxAsync(group.DesiredCapacity + ids.Count, group.MaxSize, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(20))
        {
            await Services.Aws.GroupInstances.ExitStandbyAsync(GroupName, chunk, cancellationToken).ConfigureAwait(false);
        }

        Log.Information("  {0} out of Standby (desired capacity raised by {1})", string.Join(", ", ids), ids.Count);
        await WaitServingAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until instances are in Standby and out of every load balancer.</summary>
    public Task WaitStandbyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => ids.Count == 0 ? Task.CompletedTask : Services.Waits.UntilAsync(
        new Wait<GroupView>($"{string.Join(", ", ids)} to be in Standby, out of the load balancers", Target.Timeouts.InstanceDrained, ct => Observer.ObserveAsync(ids, ct),
            v => ids.All(id => v.Find(id) is { Lifecycle: "Standby" } i && i.Balancers.Values.All(h => h.Health == BackendHealth.NotRegistered)))
        {
            Describe = v => v.Describe(ids),
            Poll = Target.Timeouts.Poll,
            DeadlineSetting = "timeouts.instance_drained",
        },
        cancellationToken);

    /// <summary>Notes instances the deploy brought into the group other than by launching (out of Standby).</summary>
    public void NoteLaunched(IEnumerable<string> ids) => launched.UnionWith(ids);

    /// <summary>Waits until instances have left the group and every load balancer (connections drained).</summary>
    public Task WaitGoneAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => ids.Count == 0 ? Task.CompletedTask : Services.Waits.UntilAsync(
        new Wait<GroupView>($"{string.Join(", ", ids)} to leave the group and its load balancers", Target.Timeouts.InstanceDrained, ct => Observer.ObserveAsync(ids, ct),
            v => ids.All(id => v.Find(id) is not { } i || i.HasLeft))
        {
            Describe = v => v.Describe(ids),
            Poll = Target.Timeouts.Poll,
            DeadlineSetting = "timeouts.instance_drained",
        },
        cancellationToken);

    /// <summary>Waits until these instances serve; fails at once when the group replaces one or reports it unhealthy.</summary>
    public Task WaitServingAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) => Services.Waits.UntilAsync(
        new Wait<GroupView>($"{string.Join(", ", ids)} to serve (InService and healthy in every load balancer)", Target.Timeouts.InstancesInService + Target.Timeouts.InstanceHealthy,
            ct => Observer.ObserveAsync(ids, ct), v => ids.All(id => v.Find(id)?.Serves == true))
        {
            Describe = v => v.Describe(ids),
            FailFast = v => ids.Select(v.Find).FirstOrDefault(i => i is null || i.Lifecycle is InstanceView.Gone or "Terminating" or "Terminating:Wait" or "Terminated" || i.GroupHealth == "Unhealthy") is { } sick
                ? $"{sick?.ToString() ?? "an instance"} will not serve: the group reports it unhealthy or is replacing it" : null,
            Poll = Target.Timeouts.Poll,
            DeadlineSetting = "timeouts.instances_in_service + timeouts.instance_healthy",
        },
        cancellationToken);

    /// <summary>Describes instances by id, as hosts to reach over SSH and HTTP.</summary>
    public async Task<IReadOnlyList<RemoteHost>> HostsAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var described = list.Count == 0 ? [] : await Services.Aws.Instances.DescribeAsync(list, cancellationToken).ConfigureAwait(false);
        return [.. described.Where(i => i.State == "running").OrderBy(i => i.InstanceId, StringComparer.Ordinal).Select(Services.Servers.ToHost)];
    }

    /// <summary>Why new instances will not serve: a failed launch, one the group reports unhealthy or replaces, one a load balancer still fails past the grace period; null while none of these.</summary>
    internal string? NewInstanceProblem(GroupView view, IReadOnlyList<InstanceView> fresh)
    {
        if (view.FailedActivities.FirstOrDefault() is { } failed)
        {
            return $"launching failed: {failed.StatusMessage ?? failed.Description}";
        }

        if (fresh.FirstOrDefault(i => i.GroupHealth == "Unhealthy" || i.Lifecycle is "Terminating" or "Terminating:Wait" or "Terminated" or InstanceView.Gone) is { } sick)
        {
            return $"the group {(sick.GroupHealth == "Unhealthy" ? "reports" : "is replacing")} new instance {sick}: the new version does not pass the health check";
        }

        var grace = TimeSpan.FromSeconds(view.Group.HealthCheckGracePeriod);
        var now = Services.Time.GetUtcNow();
        var failing = fresh.FirstOrDefault(i => now - i.FirstSeen > grace + (Target.Timeouts.Poll * 2) && i.Balancers.Values.Any(h => h.Health == BackendHealth.Unhealthy));
        return failing is null ? null : $"new instance {failing} is still unhealthy past the group's grace period of {grace.TotalSeconds:0} s: the new version does not pass the health check";
    }
}

/// <summary>The sizes of a group.</summary>
/// <param name="Min">The minimum size.</param>
/// <param name="Max">The maximum size.</param>
/// <param name="Desired">The desired capacity.</param>
internal readonly record struct GroupSizes(int Min, int Max, int Desired);
