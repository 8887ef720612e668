namespace Cake.FabulAWS.Ports;

/// <summary>The kind of load balancer an instance is registered with.</summary>
public enum LoadBalancerKind
{
    /// <summary>A classic ELB, known by name.</summary>
    Classic,

    /// <summary>An ALB/NLB target group, known by ARN.</summary>
    TargetGroup,
}

/// <summary>A classic load balancer or an ELBv2 target group.</summary>
/// <param name="Kind">Classic or target group.</param>
/// <param name="Id">The classic ELB name or the target group ARN.</param>
public sealed record LoadBalancerRef(LoadBalancerKind Kind, string Id)
{
    /// <summary>A classic ELB.</summary>
    /// <param name="name">The load balancer name.</param>
    /// <returns>The reference.</returns>
    public static LoadBalancerRef Classic(string name) => new(LoadBalancerKind.Classic, name);

    /// <summary>An ELBv2 target group.</summary>
    /// <param name="arn">The target group ARN.</param>
    /// <returns>The reference.</returns>
    public static LoadBalancerRef TargetGroup(string arn) => new(LoadBalancerKind.TargetGroup, arn);

    /// <inheritdoc />
    public override string ToString() => Kind == LoadBalancerKind.Classic ? $"load balancer '{Id}'" : $"target group '{Id}'";
}

/// <summary>Health of one instance behind a load balancer, normalised across ELB and ELBv2.</summary>
public enum BackendHealth
{
    /// <summary>Serving traffic (ELB InService, ELBv2 healthy).</summary>
    Healthy,

    /// <summary>Registered, not passing checks yet (ELBv2 initial, ELB Unknown/OutOfService while registering).</summary>
    Registering,

    /// <summary>Failing health checks (ELB OutOfService, ELBv2 unhealthy).</summary>
    Unhealthy,

    /// <summary>Being deregistered (ELBv2 draining).</summary>
    Draining,

    /// <summary>The load balancer does not know the instance (ELB InvalidInstance, ELBv2 unused).</summary>
    NotRegistered,

    /// <summary>Any other state (ELBv2 unavailable).</summary>
    Unknown,
}

/// <summary>One instance's health behind a load balancer.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Health">The normalised health.</param>
/// <param name="State">The raw state as AWS reports it.</param>
/// <param name="Reason">The reason code or description, when AWS gives one.</param>
public sealed record InstanceHealth(string InstanceId, BackendHealth Health, string State, string? Reason);

/// <summary>How a load balancer or target group checks its instances.</summary>
/// <param name="Protocol">HTTP, HTTPS, TCP, ...</param>
/// <param name="Path">The path of an HTTP(S) check, such as /healthcheck.html; null for TCP.</param>
/// <param name="IntervalSeconds">Seconds between checks.</param>
/// <param name="HealthyThreshold">Passing checks in a row before an instance is healthy.</param>
/// <param name="UnhealthyThreshold">Failing checks in a row before it is unhealthy.</param>
public sealed record LoadBalancerHealthCheck(string Protocol, string? Path, int IntervalSeconds, int HealthyThreshold, int UnhealthyThreshold)
{
    /// <summary>Gets the shortest time a new instance takes to be healthy: interval x healthy threshold.</summary>
    public TimeSpan TimeToHealthy => TimeSpan.FromSeconds(IntervalSeconds * HealthyThreshold);

    /// <summary>Gets the time it takes to report a failing instance: interval x unhealthy threshold.</summary>
    public TimeSpan TimeToUnhealthy => TimeSpan.FromSeconds(IntervalSeconds * UnhealthyThreshold);
}

/// <summary>Registers instances with load balancers and reads their health.</summary>
public interface ILoadBalancing
{
    /// <summary>Reads the health of instances behind a load balancer.</summary>
    /// <param name="loadBalancer">The load balancer or target group.</param>
    /// <param name="instanceIds">The instances; empty for all registered ones. Unknown instances come back as NotRegistered.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per instance.</returns>
    Task<IReadOnlyList<InstanceHealth>> GetHealthAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Registers instances.</summary>
    /// <param name="loadBalancer">The load balancer or target group.</param>
    /// <param name="instanceIds">The instances.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RegisterAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Deregisters instances.</summary>
    /// <param name="loadBalancer">The load balancer or target group.</param>
    /// <param name="instanceIds">The instances.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeregisterAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Reads how a load balancer or target group checks its instances.</summary>
    /// <param name="loadBalancer">The load balancer or target group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The health check.</returns>
    Task<LoadBalancerHealthCheck> GetHealthCheckAsync(LoadBalancerRef loadBalancer, CancellationToken cancellationToken = default);

    /// <summary>Resolves a target group name or ARN (as written in fabulaws-config.yml) to its ARN.</summary>
    /// <param name="nameOrArn">The name or ARN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target group reference.</returns>
    Task<LoadBalancerRef> ResolveTargetGroupAsync(string nameOrArn, CancellationToken cancellationToken = default);
}
