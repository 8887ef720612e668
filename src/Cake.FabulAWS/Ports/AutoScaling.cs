namespace Cake.FabulAWS.Ports;

/// <summary>Where a group's instances come from: a launch template version or a legacy launch configuration.</summary>
/// <param name="LaunchTemplateId">The launch template id, when the group uses a template.</param>
/// <param name="LaunchTemplateName">The launch template name, when the group uses a template.</param>
/// <param name="LaunchTemplateVersion">The version: a number, <c>$Default</c> or <c>$Latest</c>.</param>
/// <param name="LaunchConfigurationName">The legacy launch configuration name, when the group uses one.</param>
public sealed record LaunchSource(
    string? LaunchTemplateId = null,
    string? LaunchTemplateName = null,
    string? LaunchTemplateVersion = null,
    string? LaunchConfigurationName = null)
{
    /// <summary>A launch template version.</summary>
    /// <param name="name">The template name.</param>
    /// <param name="version">The version.</param>
    /// <returns>The launch source.</returns>
    public static LaunchSource Template(string name, string version) => new(LaunchTemplateName: name, LaunchTemplateVersion: version);

    /// <summary>A legacy launch configuration.</summary>
    /// <param name="name">The launch configuration name.</param>
    /// <returns>The launch source.</returns>
    public static LaunchSource Configuration(string name) => new(LaunchConfigurationName: name);

    /// <summary>Gets the name CreateLaunchConfig prints for it and <c>--launch-config</c> takes: <c>template:version</c>, or the launch configuration's name.</summary>
    public string ReleaseName => LaunchConfigurationName ?? $"{LaunchTemplateName ?? LaunchTemplateId}:{LaunchTemplateVersion ?? "$Default"}";

    /// <inheritdoc />
    public override string ToString() => LaunchConfigurationName is not null
        ? $"launch configuration {LaunchConfigurationName}"
        : $"launch template {LaunchTemplateName ?? LaunchTemplateId} version {LaunchTemplateVersion ?? "$Default"}";
}

/// <summary>One instance as its Auto Scaling group sees it.</summary>
/// <param name="InstanceId">The EC2 instance id.</param>
/// <param name="LifecycleState">Auto Scaling lifecycle state: Pending, InService, Terminating, Terminated, Standby, ...</param>
/// <param name="HealthStatus">Auto Scaling health: Healthy or Unhealthy.</param>
/// <param name="AvailabilityZone">The availability zone.</param>
/// <param name="LaunchSource">The launch template version or configuration it was launched from.</param>
/// <param name="InstanceType">The instance type.</param>
public sealed record GroupInstance(
    string InstanceId,
    string LifecycleState,
    string HealthStatus,
    string AvailabilityZone,
    LaunchSource? LaunchSource,
    string? InstanceType)
{
    /// <summary>Gets a value indicating whether the group counts this instance as in service.</summary>
    public bool IsInService => LifecycleState == "InService";
}

/// <summary>An Auto Scaling group, as the workflows need it.</summary>
/// <param name="Name">The group name.</param>
/// <param name="MinSize">The minimum size.</param>
/// <param name="MaxSize">The maximum size.</param>
/// <param name="DesiredCapacity">The desired capacity.</param>
/// <param name="LaunchSource">The launch template or configuration new instances use.</param>
/// <param name="Instances">The group's instances.</param>
/// <param name="LoadBalancerNames">Classic load balancers attached to the group.</param>
/// <param name="TargetGroupArns">ELBv2 target groups attached to the group.</param>
/// <param name="SuspendedProcesses">Names of the suspended scaling processes.</param>
/// <param name="TerminationPolicies">The termination policies, in order.</param>
/// <param name="Tags">The group's tags.</param>
/// <param name="HealthCheckType">EC2 or ELB.</param>
/// <param name="HealthCheckGracePeriod">Seconds before health checks count for a new instance.</param>
/// <param name="AvailabilityZones">The group's availability zones.</param>
public sealed record AutoScalingGroup(
    string Name,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    LaunchSource? LaunchSource,
    IReadOnlyList<GroupInstance> Instances,
    IReadOnlyList<string> LoadBalancerNames,
    IReadOnlyList<string> TargetGroupArns,
    IReadOnlyList<string> SuspendedProcesses,
    IReadOnlyList<string> TerminationPolicies,
    IReadOnlyDictionary<string, string> Tags,
    string HealthCheckType,
    int HealthCheckGracePeriod,
    IReadOnlyList<string> AvailabilityZones)
{
    /// <summary>Gets why each suspended process is suspended, as AWS says it (<c>User suspended at 2026-12-02T10:00:00Z</c>).</summary>
    public IReadOnlyDictionary<string, string> SuspensionReasons { get; init; } = new Dictionary<string, string>();
}

/// <summary>A change to a group: only the properties that are set are sent.</summary>
/// <param name="GroupName">The group to change.</param>
public sealed record GroupUpdate(string GroupName)
{
    /// <summary>Gets the new minimum size.</summary>
    public int? MinSize { get; init; }

    /// <summary>Gets the new maximum size.</summary>
    public int? MaxSize { get; init; }

    /// <summary>Gets the new desired capacity.</summary>
    public int? DesiredCapacity { get; init; }

    /// <summary>Gets the new launch template version or launch configuration.</summary>
    public LaunchSource? LaunchSource { get; init; }

    /// <summary>Gets the new termination policies.</summary>
    public IReadOnlyList<string>? TerminationPolicies { get; init; }
}

/// <summary>A scaling activity of a group (launch, terminate), newest first when listed.</summary>
/// <param name="ActivityId">The activity id.</param>
/// <param name="Description">What happened.</param>
/// <param name="Cause">Why.</param>
/// <param name="StatusCode">Successful, Failed, InProgress, ...</param>
/// <param name="StatusMessage">The status message, mostly set on failure.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended.</param>
public sealed record ScalingActivity(
    string ActivityId,
    string Description,
    string Cause,
    string StatusCode,
    string? StatusMessage,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime);

/// <summary>Reads and changes Auto Scaling groups.</summary>
public interface IAutoScalingGroups
{
    /// <summary>Finds a group by name.</summary>
    /// <param name="groupName">The group name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group, or <c>null</c> when it does not exist.</returns>
    Task<AutoScalingGroup?> FindGroupAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>Describes groups by name, following every page.</summary>
    /// <param name="groupNames">The names; empty for all groups.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The groups that exist.</returns>
    Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(IEnumerable<string> groupNames, CancellationToken cancellationToken = default);

    /// <summary>Changes sizes, launch source or termination policies of a group.</summary>
    /// <param name="update">What to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task UpdateGroupAsync(GroupUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Sets the desired capacity.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="desiredCapacity">The new desired capacity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetDesiredCapacityAsync(string groupName, int desiredCapacity, CancellationToken cancellationToken = default);

    /// <summary>Sets tags on a group (create or update).</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="tags">The tags.</param>
    /// <param name="propagateAtLaunch">Whether new instances get the tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetTagsAsync(string groupName, IReadOnlyDictionary<string, string> tags, bool propagateAtLaunch, CancellationToken cancellationToken = default);

    /// <summary>Deletes tags from a group.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="keys">The tag keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteTagsAsync(string groupName, IEnumerable<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Lists the group's scaling activities, newest first.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="maxRecords">At most this many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The activities.</returns>
    Task<IReadOnlyList<ScalingActivity>> DescribeActivitiesAsync(string groupName, int maxRecords = 20, CancellationToken cancellationToken = default);
}

/// <summary>Suspends and resumes the scaling processes of a group.</summary>
public interface IScalingProcesses
{
    /// <summary>Suspends processes.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="processes">Process names (Launch, Terminate, HealthCheck, ...); empty suspends all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SuspendProcessesAsync(string groupName, IEnumerable<string> processes, CancellationToken cancellationToken = default);

    /// <summary>Resumes processes.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="processes">Process names; empty resumes all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ResumeProcessesAsync(string groupName, IEnumerable<string> processes, CancellationToken cancellationToken = default);
}

/// <summary>Acts on single instances of a group.</summary>
public interface IGroupInstances
{
    /// <summary>Describes instances as Auto Scaling sees them (group, lifecycle, health).</summary>
    /// <param name="instanceIds">The instance ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instances that belong to a group, with their group names.</returns>
    Task<IReadOnlyList<(string GroupName, GroupInstance Instance)>> DescribeAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Marks an instance Healthy or Unhealthy.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="healthy">True for Healthy, false for Unhealthy.</param>
    /// <param name="respectGracePeriod">Whether the group's grace period applies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task SetHealthAsync(string instanceId, bool healthy, bool respectGracePeriod = false, CancellationToken cancellationToken = default);

    /// <summary>Terminates an instance of a group.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="decrementDesiredCapacity">Whether the desired capacity drops by one (no replacement).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task TerminateAsync(string instanceId, bool decrementDesiredCapacity, CancellationToken cancellationToken = default);

    /// <summary>Moves InService instances to Standby: out of the load balancers and the capacity, still running.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="instanceIds">The instances.</param>
    /// <param name="decrementDesiredCapacity">Whether the desired capacity drops by as many (no replacements).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task EnterStandbyAsync(string groupName, IReadOnlyList<string> instanceIds, bool decrementDesiredCapacity, CancellationToken cancellationToken = default);

    /// <summary>Moves Standby instances back into service: registered again, the desired capacity raised by as many.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="instanceIds">The instances.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ExitStandbyAsync(string groupName, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken = default);
}
