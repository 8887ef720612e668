using Cake.FabulAWS.Aws.AutoScaling;
using Cake.FabulAWS.Aws.Ec2;
using Cake.FabulAWS.Aws.LoadBalancing;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws;

/// <summary><see cref="IEnvironmentProvisioning"/>: Auto Scaling, classic ELB and EC2 launch templates together.</summary>
internal sealed class EnvironmentProvisioningAdapter(GroupProvisioningAdapter groups, ClassicLoadBalancerAdapter classic, Ec2LaunchTemplates templates)
    : IEnvironmentProvisioning
{
    public Task CreateGroupAsync(GroupCreation creation, CancellationToken cancellationToken = default) => groups.CreateGroupAsync(creation, cancellationToken);

    public Task AttachLoadBalancersAsync(string groupName, IEnumerable<LoadBalancerRef> loadBalancers, CancellationToken cancellationToken = default) =>
        groups.AttachAsync(groupName, loadBalancers.ToList(), cancellationToken);

    public Task<string> CreateClassicLoadBalancerAsync(ClassicLoadBalancerCreation creation, CancellationToken cancellationToken = default) =>
        classic.CreateAsync(creation, cancellationToken);

    public Task ConfigureHealthCheckAsync(string loadBalancerName, HealthCheckSettings healthCheck, CancellationToken cancellationToken = default) =>
        classic.ConfigureHealthCheckAsync(loadBalancerName, healthCheck, cancellationToken);

    public Task<IReadOnlyList<ClassicLoadBalancer>> DescribeClassicLoadBalancersAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        classic.DescribeAsync(names.ToList(), cancellationToken);

    public Task<LaunchTemplateSummary?> FindLaunchTemplateAsync(string templateName, CancellationToken cancellationToken = default) =>
        templates.FindTemplateAsync(templateName, cancellationToken);
}
