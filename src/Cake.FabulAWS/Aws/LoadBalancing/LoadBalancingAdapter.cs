using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.LoadBalancing;

/// <summary><see cref="ILoadBalancing"/>: classic load balancers by name, target groups by ARN.</summary>
internal sealed class LoadBalancingAdapter(ClassicLoadBalancerAdapter classic, TargetGroupAdapter targetGroups) : ILoadBalancing
{
    public Task<IReadOnlyList<InstanceHealth>> GetHealthAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default) =>
        loadBalancer.Kind == LoadBalancerKind.Classic
            ? classic.GetHealthAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken)
            : targetGroups.GetHealthAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken);

    public Task RegisterAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default) =>
        loadBalancer.Kind == LoadBalancerKind.Classic
            ? classic.RegisterAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken)
            : targetGroups.RegisterAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken);

    public Task DeregisterAsync(LoadBalancerRef loadBalancer, IEnumerable<string> instanceIds, CancellationToken cancellationToken = default) =>
        loadBalancer.Kind == LoadBalancerKind.Classic
            ? classic.DeregisterAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken)
            : targetGroups.DeregisterAsync(loadBalancer.Id, instanceIds.ToList(), cancellationToken);

    public async Task<LoadBalancerHealthCheck> GetHealthCheckAsync(LoadBalancerRef loadBalancer, CancellationToken cancellationToken = default)
    {
        if (loadBalancer.Kind == LoadBalancerKind.TargetGroup)
        {
            return await targetGroups.GetHealthCheckAsync(loadBalancer.Id, cancellationToken).ConfigureAwait(false);
        }

        var check = (await classic.DescribeAsync([loadBalancer.Id], cancellationToken).ConfigureAwait(false)).Single().HealthCheck
            ?? throw new Core.CakeException($"{loadBalancer} has no health check.");
        var target = check.Target;
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var protocol = colon < 0 ? target : target[..colon];
        return new LoadBalancerHealthCheck(protocol.ToUpperInvariant(), slash < 0 ? null : target[slash..], check.IntervalSeconds, check.HealthyThreshold, check.UnhealthyThreshold);
    }

    public async Task<LoadBalancerRef> ResolveTargetGroupAsync(string nameOrArn, CancellationToken cancellationToken = default) =>
        LoadBalancerRef.TargetGroup(await targetGroups.ResolveArnAsync(nameOrArn, cancellationToken).ConfigureAwait(false));
}
