namespace LocalAws.Model;

/// <summary>An Auto Scaling group in LocalAws's state.</summary>
public sealed class AutoScalingGroup
{
    internal AutoScalingGroup(string name, string arn, DateTimeOffset created)
    {
        Name = name;
        Arn = arn;
        Created = created;
    }

    /// <summary>Gets the group name.</summary>
    public string Name { get; }

    /// <summary>Gets the ARN.</summary>
    public string Arn { get; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Gets the minimum size.</summary>
    public int MinSize { get; internal set; }

    /// <summary>Gets the maximum size.</summary>
    public int MaxSize { get; internal set; }

    /// <summary>Gets the desired capacity.</summary>
    public int DesiredCapacity { get; internal set; }

    /// <summary>Gets the launch configuration name, when the group uses one.</summary>
    public string? LaunchConfigurationName { get; internal set; }

    /// <summary>Gets the launch template, when the group uses one.</summary>
    public LaunchTemplateRef? LaunchTemplate { get; internal set; }

    /// <summary>Gets the group's instances.</summary>
    public List<GroupMember> Members { get; } = [];

    /// <summary>Gets the classic load balancers attached.</summary>
    public List<string> LoadBalancerNames { get; } = [];

    /// <summary>Gets the target groups attached.</summary>
    public List<string> TargetGroupArns { get; } = [];

    /// <summary>Gets the suspended processes and why.</summary>
    public Dictionary<string, string> SuspendedProcesses { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the termination policies.</summary>
    public List<string> TerminationPolicies { get; } = ["Default"];

    /// <summary>Gets the tags.</summary>
    public List<GroupTag> Tags { get; } = [];

    /// <summary>Gets the health check type: EC2 or ELB.</summary>
    public string HealthCheckType { get; internal set; } = "EC2";

    /// <summary>Gets the grace period in (AWS) seconds.</summary>
    public int HealthCheckGracePeriod { get; internal set; }

    /// <summary>Gets the availability zones.</summary>
    public List<string> AvailabilityZones { get; } = [];

    internal int DefaultCooldown { get; set; } = 300;

    internal string? VpcZoneIdentifier { get; set; }

    internal DateTimeOffset NextLaunchAttempt { get; set; }

    /// <summary>Gets a value indicating whether the process is suspended.</summary>
    /// <param name="process">The process name.</param>
    /// <returns>True when suspended.</returns>
    public bool IsSuspended(string process) => SuspendedProcesses.ContainsKey(process);

    /// <summary>Gets the members that count towards capacity (Pending or InService; never EnteringStandby or Standby).</summary>
    internal IEnumerable<GroupMember> Active => Members.Where(m => m.Lifecycle is "Pending" or "InService");

    /// <summary>Gets the members on standby or entering it: outside capacity, health checks, replacement and scale-in.</summary>
    internal IEnumerable<GroupMember> OnStandby => Members.Where(m => m.Lifecycle is "EnteringStandby" or "Standby");
}

/// <summary>A tag on a group.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
/// <param name="PropagateAtLaunch">Whether new instances get it.</param>
public sealed record GroupTag(string Key, string Value, bool PropagateAtLaunch);

/// <summary>An instance as its group sees it.</summary>
public sealed class GroupMember
{
    internal GroupMember(string instanceId, DateTimeOffset launched)
    {
        InstanceId = instanceId;
        Launched = launched;
        GraceFrom = launched;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the launch time.</summary>
    public DateTimeOffset Launched { get; }

    /// <summary>Gets the lifecycle state: Pending, InService, EnteringStandby, Standby, Terminating, Terminated.</summary>
    public string Lifecycle { get; internal set; } = "Pending";

    /// <summary>Gets the health: Healthy or Unhealthy.</summary>
    public string Health { get; internal set; } = "Healthy";

    /// <summary>Gets the launch configuration it came from.</summary>
    public string? LaunchConfigurationName { get; internal set; }

    /// <summary>Gets the launch template version it came from (the version number).</summary>
    public LaunchTemplateRef? LaunchTemplate { get; internal set; }

    /// <summary>Gets a value indicating whether it was launched while AddToLoadBalancer was suspended (never auto-registered).</summary>
    public bool SkipLoadBalancers { get; internal set; }

    /// <summary>Gets when it went InService.</summary>
    public DateTimeOffset? InServiceAt { get; internal set; }

    internal string AvailabilityZone { get; set; } = "us-east-1a";

    internal string InstanceType { get; set; } = "t3.micro";

    internal bool RegistrationDone { get; set; }

    /// <summary>Gets or sets the activity that ends when the member goes InService (its launch, or its exit from standby).</summary>
    internal string? PendingActivityId { get; set; }

    /// <summary>Gets or sets the activity that ends when the member reaches Standby.</summary>
    internal string? StandbyActivityId { get; set; }

    /// <summary>Gets or sets when the health check grace period starts: at launch, and again when it leaves standby.</summary>
    internal DateTimeOffset GraceFrom { get; set; }

    internal string? TerminateActivityId { get; set; }

    internal bool Ec2TerminateSent { get; set; }
}
