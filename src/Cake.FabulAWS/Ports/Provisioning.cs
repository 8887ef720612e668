namespace Cake.FabulAWS.Ports;

/// <summary>A new Auto Scaling group.</summary>
/// <param name="GroupName">The group name.</param>
/// <param name="LaunchSource">The launch template version or launch configuration.</param>
/// <param name="MinSize">The minimum size.</param>
/// <param name="MaxSize">The maximum size.</param>
/// <param name="DesiredCapacity">The desired capacity.</param>
public sealed record GroupCreation(string GroupName, LaunchSource LaunchSource, int MinSize, int MaxSize, int DesiredCapacity)
{
    /// <summary>Gets the availability zones (when no subnets are given).</summary>
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    /// <summary>Gets the VPC subnet ids (sent as the comma-separated VPCZoneIdentifier).</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>Gets the classic load balancers to attach.</summary>
    public IReadOnlyList<string> LoadBalancerNames { get; init; } = [];

    /// <summary>Gets the ELBv2 target groups to attach.</summary>
    public IReadOnlyList<string> TargetGroupArns { get; init; } = [];

    /// <summary>Gets the health check type: EC2 or ELB; null keeps the AWS default (EC2).</summary>
    public string? HealthCheckType { get; init; }

    /// <summary>Gets the health check grace period in seconds.</summary>
    public int? HealthCheckGracePeriod { get; init; }

    /// <summary>Gets the termination policies, in order.</summary>
    public IReadOnlyList<string> TerminationPolicies { get; init; } = [];

    /// <summary>Gets the group's tags; they propagate to the instances it launches.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A listener of a classic load balancer.</summary>
/// <param name="Protocol">HTTP, HTTPS, TCP or SSL.</param>
/// <param name="LoadBalancerPort">The port the load balancer listens on.</param>
/// <param name="InstanceProtocol">The protocol towards the instances.</param>
/// <param name="InstancePort">The instance port.</param>
/// <param name="SslCertificateId">The certificate ARN for HTTPS/SSL listeners.</param>
public sealed record ClassicListener(string Protocol, int LoadBalancerPort, string InstanceProtocol, int InstancePort, string? SslCertificateId = null);

/// <summary>A new classic load balancer.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Listeners">Its listeners.</param>
public sealed record ClassicLoadBalancerCreation(string Name, IReadOnlyList<ClassicListener> Listeners)
{
    /// <summary>Gets the availability zones (EC2-Classic style; use subnets in a VPC).</summary>
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    /// <summary>Gets the subnet ids.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>Gets the security group ids.</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Gets the scheme: internal, or null for internet-facing.</summary>
    public string? Scheme { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>The health check of a classic load balancer.</summary>
/// <param name="Target">What is checked, such as <c>HTTP:80/healthcheck.html</c>.</param>
/// <param name="IntervalSeconds">Seconds between checks.</param>
/// <param name="TimeoutSeconds">Seconds before a check fails.</param>
/// <param name="UnhealthyThreshold">Failures before an instance is OutOfService.</param>
/// <param name="HealthyThreshold">Successes before an instance is InService.</param>
public sealed record HealthCheckSettings(string Target, int IntervalSeconds, int TimeoutSeconds, int UnhealthyThreshold, int HealthyThreshold);

/// <summary>A classic load balancer as described by AWS.</summary>
/// <param name="Name">Its name.</param>
/// <param name="DnsName">Its DNS name.</param>
/// <param name="InstanceIds">The registered instances.</param>
/// <param name="HealthCheck">Its health check.</param>
/// <param name="AvailabilityZones">Its availability zones.</param>
public sealed record ClassicLoadBalancer(string Name, string? DnsName, IReadOnlyList<string> InstanceIds, HealthCheckSettings? HealthCheck, IReadOnlyList<string> AvailabilityZones);

/// <summary>A launch template without its versions.</summary>
/// <param name="TemplateId">The template id.</param>
/// <param name="TemplateName">The template name.</param>
/// <param name="DefaultVersion">The default version number.</param>
/// <param name="LatestVersion">The latest version number.</param>
public sealed record LaunchTemplateSummary(string TemplateId, string TemplateName, long DefaultVersion, long LatestVersion);

/// <summary>Creates what an environment consists of: the group, its load balancer, and the links between them.</summary>
public interface IEnvironmentProvisioning
{
    /// <summary>Creates an Auto Scaling group.</summary>
    /// <param name="creation">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CreateGroupAsync(GroupCreation creation, CancellationToken cancellationToken = default);

    /// <summary>Attaches classic load balancers and target groups to a group.</summary>
    /// <param name="groupName">The group.</param>
    /// <param name="loadBalancers">Classic load balancers and target groups, in any mix.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AttachLoadBalancersAsync(string groupName, IEnumerable<LoadBalancerRef> loadBalancers, CancellationToken cancellationToken = default);

    /// <summary>Creates a classic load balancer.</summary>
    /// <param name="creation">The load balancer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its DNS name.</returns>
    Task<string> CreateClassicLoadBalancerAsync(ClassicLoadBalancerCreation creation, CancellationToken cancellationToken = default);

    /// <summary>Sets the health check of a classic load balancer.</summary>
    /// <param name="loadBalancerName">The load balancer.</param>
    /// <param name="healthCheck">The health check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task ConfigureHealthCheckAsync(string loadBalancerName, HealthCheckSettings healthCheck, CancellationToken cancellationToken = default);

    /// <summary>Describes classic load balancers, following every page.</summary>
    /// <param name="names">The names; empty for all. A missing name fails the call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The load balancers.</returns>
    Task<IReadOnlyList<ClassicLoadBalancer>> DescribeClassicLoadBalancersAsync(IEnumerable<string> names, CancellationToken cancellationToken = default);

    /// <summary>Finds a launch template by name.</summary>
    /// <param name="templateName">The template name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The template, or <c>null</c> when it does not exist.</returns>
    Task<LaunchTemplateSummary?> FindLaunchTemplateAsync(string templateName, CancellationToken cancellationToken = default);
}
