using Cake.FabulAWS.Aws.AutoScaling;
using Cake.FabulAWS.Aws.Ec2;
using Cake.FabulAWS.Aws.LoadBalancing;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// Every AWS port of one connection (one region, one set of credentials). Dispose it when the deployment ends:
/// it owns the SDK clients.
/// </summary>
public sealed class AwsServices : IDisposable
{
    private readonly AwsClients? clients;

    /// <summary>Initializes a new instance of the <see cref="AwsServices"/> class whose ports are all set by the caller (tests).</summary>
    internal AwsServices()
    {
    }

    internal AwsServices(AwsClients clients)
    {
        this.clients = clients;
        string Region() => clients.Region;
        var classic = new ClassicLoadBalancerAdapter(() => clients.ClassicLoadBalancing, Region);
        var templates = new Ec2LaunchTemplates(() => clients.Ec2, Region);
        AutoScalingGroups = new AutoScalingGroupsAdapter(() => clients.AutoScaling, Region);
        ScalingProcesses = new ScalingProcessesAdapter(() => clients.AutoScaling, Region);
        GroupInstances = new GroupInstancesAdapter(() => clients.AutoScaling, Region);
        LaunchConfigurations = new LaunchConfigurationsAdapter(() => clients.AutoScaling, Region);
        InstanceRefreshes = new InstanceRefreshesAdapter(() => clients.AutoScaling, Region);
        LoadBalancing = new LoadBalancingAdapter(classic, new TargetGroupAdapter(() => clients.LoadBalancingV2, Region));
        Instances = new InstancesAdapter(() => clients.Ec2, Region);
        Images = new ImagesAdapter(() => clients.Ec2, Region);
        LaunchTemplates = templates;
        Provisioning = new EnvironmentProvisioningAdapter(new GroupProvisioningAdapter(() => clients.AutoScaling, Region), classic, templates);
    }

    /// <summary>Gets the region the clients talk to (configured or resolved by the SDK), for logs.</summary>
    public string Region => clients?.Region ?? "the test region";

    /// <summary>Gets Auto Scaling groups: describe, update, capacity, tags, activities.</summary>
    public IAutoScalingGroups AutoScalingGroups { get; internal init; } = null!;

    /// <summary>Gets suspend and resume of scaling processes.</summary>
    public IScalingProcesses ScalingProcesses { get; internal init; } = null!;

    /// <summary>Gets single instances of groups: describe, health, terminate.</summary>
    public IGroupInstances GroupInstances { get; internal init; } = null!;

    /// <summary>Gets legacy launch configurations.</summary>
    public ILaunchConfigurations LaunchConfigurations { get; internal init; } = null!;

    /// <summary>Gets Auto Scaling instance refreshes.</summary>
    public IInstanceRefreshes InstanceRefreshes { get; internal init; } = null!;

    /// <summary>Gets classic ELB and ELBv2 target group registration and health.</summary>
    public ILoadBalancing LoadBalancing { get; internal init; } = null!;

    /// <summary>Gets EC2 instances.</summary>
    public IInstances Instances { get; internal init; } = null!;

    /// <summary>Gets AMIs.</summary>
    public IImages Images { get; internal init; } = null!;

    /// <summary>Gets EC2 launch templates.</summary>
    public ILaunchTemplates LaunchTemplates { get; internal init; } = null!;

    /// <summary>Gets creation of groups, classic load balancers and their links.</summary>
    public IEnvironmentProvisioning Provisioning { get; internal init; } = null!;

    /// <inheritdoc />
    public void Dispose() => clients?.Dispose();
}
