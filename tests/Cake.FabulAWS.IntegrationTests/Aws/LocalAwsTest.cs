using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Ports;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.Aws;

/// <summary>A test class with its own LocalAws and our adapters; the launch template <c>web</c> (base image) exists.</summary>
public abstract class LocalAwsTest : IAsyncLifetime
{
    private LocalAwsAdapters? adapters;

    internal LocalAwsAdapters Adapters => adapters ?? throw new InvalidOperationException("Not started.");

    internal LocalAwsServer Server => Adapters.Server;

    internal AwsServices Ports => Adapters.Services;

    /// <summary>Gets a value indicating whether instances get real sshd and HTTP hosts (needed for load balancer health).</summary>
    protected virtual bool Hosts => false;

    public virtual async Task InitializeAsync()
    {
        adapters = await LocalAwsAdapters.StartAsync(Hosts, Configure);
        await Ports.LaunchTemplates.CreateTemplateAsync("web", new LaunchTemplateChange(Server.BaseImageId) { InstanceType = "t3.micro" });
    }

    public virtual async Task DisposeAsync()
    {
        if (adapters is not null)
        {
            await adapters.DisposeAsync();
        }
    }

    internal virtual LocalAwsOptions Configure(LocalAwsOptions options) => options;

    /// <summary>Creates a group on template <c>web</c> $Latest through the provisioning port.</summary>
    protected Task CreateGroupAsync(string name, int desired, int max = 6, string healthCheckType = "EC2", IReadOnlyList<string>? loadBalancers = null, IReadOnlyDictionary<string, string>? tags = null) =>
        Ports.Provisioning.CreateGroupAsync(new GroupCreation(name, LaunchSource.Template("web", "$Latest"), 0, max, desired)
        {
            AvailabilityZones = ["us-east-1a"],
            HealthCheckType = healthCheckType,
            HealthCheckGracePeriod = 60,
            LoadBalancerNames = loadBalancers ?? [],
            Tags = tags ?? new Dictionary<string, string>(),
        });

    /// <summary>Polls FindGroupAsync until the group has <paramref name="count"/> instances, all InService.</summary>
    protected Task<AutoScalingGroup> WaitInServiceAsync(string name, int count) => LocalAwsAdapters.PollAsync(
        async () => (await Ports.AutoScalingGroups.FindGroupAsync(name))!,
        g => g.Instances.Count == count && g.Instances.All(i => i.IsInService),
        $"{count} instances InService in {name}");
}
