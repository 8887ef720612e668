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

    public async Task<LoadBalancerRef> ResolveTargetGroupAsync(string nameOrArn, CancellationToken cancellationToken = default) =>
        LoadBalancerRef.TargetGroup(await targetGroups.ResolveArnAsync(nameOrArn, cancellationToken).ConfigureAwait(false));
}
