using System.Xml.Linq;
using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.LoadBalancing;

/// <summary>Classic ELB (2012-06-01): instance health and registration, creation, health check, descriptions.</summary>
internal sealed class ClassicLoadBalancerAdapter(Func<QueryServiceClient> client, Func<string> region) : QueryAdapter(client, region)
{
    public async Task<IReadOnlyList<InstanceHealth>> GetHealthAsync(string name, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        try
        {
            return await DescribeHealthAsync(name, instanceIds, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsOperationException e) when (e.ErrorCode == "InvalidInstance" && instanceIds.Count > 0)
        {
            // ELB refuses the whole call when it does not know one instance yet: ask for every registered
            // instance instead, and report the ones it does not list as not registered.
            var registered = await DescribeHealthAsync(name, [], cancellationToken).ConfigureAwait(false);
            return instanceIds
                .Select(id => registered.FirstOrDefault(h => h.InstanceId == id) ?? new InstanceHealth(id, BackendHealth.NotRegistered, "InvalidInstance", "not registered (yet)"))
                .ToList();
        }
    }

    public Task RegisterAsync(string name, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        CallAsync(new QueryRequest("RegisterInstancesWithLoadBalancer").Add("LoadBalancerName", name).AddInstances(instanceIds), Resource(name), cancellationToken);

    public Task DeregisterAsync(string name, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        CallAsync(new QueryRequest("DeregisterInstancesFromLoadBalancer").Add("LoadBalancerName", name).AddInstances(instanceIds), Resource(name), cancellationToken);

    public async Task<string> CreateAsync(ClassicLoadBalancerCreation creation, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            new QueryRequest("CreateLoadBalancer")
                .Add("LoadBalancerName", creation.Name)
                .AddStructures("Listeners", creation.Listeners, (prefix, listener, r) => r
                    .Add(prefix + ".Protocol", listener.Protocol)
                    .Add(prefix + ".LoadBalancerPort", listener.LoadBalancerPort)
                    .Add(prefix + ".InstanceProtocol", listener.InstanceProtocol)
                    .Add(prefix + ".InstancePort", listener.InstancePort)
                    .Add(prefix + ".SSLCertificateId", listener.SslCertificateId))
                .AddList("AvailabilityZones", creation.AvailabilityZones.Count == 0 ? null : creation.AvailabilityZones)
                .AddList("Subnets", creation.Subnets.Count == 0 ? null : creation.Subnets)
                .AddList("SecurityGroups", creation.SecurityGroups.Count == 0 ? null : creation.SecurityGroups)
                .Add("Scheme", creation.Scheme)
                .AddStructures("Tags", creation.Tags.Count == 0 ? null : creation.Tags, (prefix, tag, r) => r.Add(prefix + ".Key", tag.Key).Add(prefix + ".Value", tag.Value)),
            Resource(creation.Name),
            cancellationToken).ConfigureAwait(false);
        return result.Text("DNSName") ?? string.Empty;
    }

    public Task ConfigureHealthCheckAsync(string name, HealthCheckSettings check, CancellationToken cancellationToken) => CallAsync(
        new QueryRequest("ConfigureHealthCheck")
            .Add("LoadBalancerName", name)
            .Add("HealthCheck.Target", check.Target)
            .Add("HealthCheck.Interval", check.IntervalSeconds)
            .Add("HealthCheck.Timeout", check.TimeoutSeconds)
            .Add("HealthCheck.UnhealthyThreshold", check.UnhealthyThreshold)
            .Add("HealthCheck.HealthyThreshold", check.HealthyThreshold),
        Resource(name),
        cancellationToken);

    public async Task<IReadOnlyList<ClassicLoadBalancer>> DescribeAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var found = new List<ClassicLoadBalancer>();
        var pages = PagesAsync(
            () => new QueryRequest("DescribeLoadBalancers").AddList("LoadBalancerNames", names.Count == 0 ? null : names),
            "Marker",
            "NextMarker",
            names.Count == 1 ? Resource(names[0]) : "classic load balancers",
            cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            found.AddRange(page.Members("LoadBalancerDescriptions").Select(LoadBalancer));
        }

        return found;
    }

    private async Task<IReadOnlyList<InstanceHealth>> DescribeHealthAsync(string name, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            new QueryRequest("DescribeInstanceHealth").Add("LoadBalancerName", name).AddInstances(instanceIds.Count == 0 ? null : instanceIds),
            Resource(name),
            cancellationToken).ConfigureAwait(false);
        return result.Members("InstanceStates").Select(LoadBalancerHealth.FromClassic).ToList();
    }

    private static ClassicLoadBalancer LoadBalancer(XElement description)
    {
        var check = description.Element("HealthCheck");
        return new ClassicLoadBalancer(
            description.Required("LoadBalancerName"),
            description.Text("DNSName"),
            description.Members("Instances").Select(i => i.Required("InstanceId")).ToList(),
            check is null ? null : new HealthCheckSettings(
                check.Required("Target"), check.Int("Interval") ?? 0, check.Int("Timeout") ?? 0, check.Int("UnhealthyThreshold") ?? 0, check.Int("HealthyThreshold") ?? 0),
            description.Strings("AvailabilityZones"));
    }

    private static string Resource(string name) => LoadBalancerRef.Classic(name).ToString();
}

/// <summary>The classic ELB <c>Instances.member.N.InstanceId</c> list.</summary>
internal static class ClassicInstances
{
    public static QueryRequest AddInstances(this QueryRequest request, IReadOnlyList<string>? instanceIds) =>
        request.AddStructures("Instances", instanceIds, (prefix, id, r) => r.Add(prefix + ".InstanceId", id));
}
