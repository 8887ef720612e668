using LocalAws.Control;
using LocalAws.Hosts;
using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>Classic Elastic Load Balancing (2012-06-01): load balancers, registration, health checks.</summary>
internal sealed class ElbApi : ServiceApi
{
    public ElbApi(Cloud cloud)
        : base(cloud)
    {
        Actions = new Dictionary<string, Action<QueryRequest, XmlOut>>(StringComparer.Ordinal)
        {
            ["CreateLoadBalancer"] = Create,
            ["DescribeLoadBalancers"] = Describe,
            ["ConfigureHealthCheck"] = ConfigureHealthCheck,
            ["RegisterInstancesWithLoadBalancer"] = (r, x) => Register(r, x, register: true),
            ["DeregisterInstancesFromLoadBalancer"] = (r, x) => Register(r, x, register: false),
            ["DescribeInstanceHealth"] = DescribeInstanceHealth,
        };
    }

    public override string Name => "elb";

    public override string ApiVersion => "2012-06-01";

    public override string XmlNamespace => "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/";

    protected override IReadOnlyDictionary<string, Action<QueryRequest, XmlOut>> Actions { get; }

    private void Create(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("LoadBalancerName");
        if (Cloud.State.LoadBalancers.ContainsKey(name))
        {
            throw new AwsException("DuplicateLoadBalancerName", $"Load balancer name '{name}' already exists for this account.");
        }

        var listeners = request.Structs("Listeners");
        if (listeners.Count == 0)
        {
            throw request.Missing("Listeners");
        }

        var lb = new ClassicLoadBalancer(name, Cloud.Addresses.Next(), Now) { Scheme = request.Get("Scheme") ?? "internet-facing" };
        lb.Listeners.AddRange(listeners.Select(l => new Listener(
            l.Required("Protocol"), l.Int("LoadBalancerPort") ?? throw l.Missing("LoadBalancerPort"), l.Get("InstanceProtocol") ?? l.Required("Protocol"), l.Int("InstancePort") ?? throw l.Missing("InstancePort"))));
        lb.AvailabilityZones.AddRange(request.Strings("AvailabilityZones"));
        Cloud.State.LoadBalancers.Add(name, lb);
        StartEndpoint(Cloud, name, lb.Address, () => lb.Instances.Where(kv => kv.Value.State == "InService").Select(kv => kv.Key));
        xml.Leaf("DNSName", lb.Address);
    }

    /// <summary>Starts the HTTP endpoint of a load balancer or target group, serving its healthy backends.</summary>
    internal static void StartEndpoint(Cloud cloud, string name, string address, Func<IEnumerable<string>> healthy)
    {
        if (cloud.Hosts is not { } hosts)
        {
            return;
        }

        IReadOnlyList<(string, string)> Backends()
        {
            lock (cloud.State.Gate)
            {
                return healthy().Select(id => cloud.State.Instances.GetValueOrDefault(id))
                    .Where(i => i is { State: "running", Host: HostStatus.Ready }).Select(i => (i!.Id, i.Address)).ToList();
            }
        }

        var handler = LoadBalancerProxy.Handler(name, cloud.Options.InstanceHttpPort, Backends);
        _ = Task.Run(() => hosts.StartEndpoint(name, address, cloud.Options.LoadBalancerHttpPort, handler));
    }

    private ClassicLoadBalancer Find(string name) => Cloud.State.LoadBalancers.TryGetValue(name, out var lb)
        ? lb : throw new AwsException("LoadBalancerNotFound", $"There is no ACTIVE Load Balancer named '{name}'");

    private void Describe(QueryRequest request, XmlOut xml)
    {
        var names = request.Strings("LoadBalancerNames");
        var all = names.Count > 0 ? names.Select(Find).ToList() : Cloud.State.LoadBalancers.Values.OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var (page, next) = Paging.Page(all, request.Get("Marker"), request.Int("PageSize"), 400, 400, "InvalidNextToken");
        xml.List("LoadBalancerDescriptions", page, (x, lb) => x.Leaf("LoadBalancerName", lb.Name).Leaf("DNSName", lb.Address)
            .List("ListenerDescriptions", lb.Listeners, (y, l) => y.Element("Listener", z => z.Leaf("Protocol", l.Protocol).Leaf("LoadBalancerPort", l.LoadBalancerPort).Leaf("InstanceProtocol", l.InstanceProtocol).Leaf("InstancePort", l.InstancePort)).Strings("PolicyNames", []))
            .Strings("AvailabilityZones", lb.AvailabilityZones)
            .List("Instances", lb.Instances.Keys, (y, id) => y.Leaf("InstanceId", id))
            .Element("HealthCheck", y => HealthCheck(y, lb.HealthCheck))
            .Leaf("CreatedTime", lb.Created).Leaf("Scheme", lb.Scheme))
            .Leaf("NextMarker", next);
    }

    private void ConfigureHealthCheck(QueryRequest request, XmlOut xml)
    {
        var lb = Find(request.Required("LoadBalancerName"));
        var c = request.Sub("HealthCheck");
        var target = c.Required("Target");
        try
        {
            HealthChecker.ParseTarget(target);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw AwsException.Validation($"HealthCheck Target must be PROTOCOL:PORT[/PATH] (e.g. HTTP:80/healthcheck.html), not '{target}'.");
        }

        lb.HealthCheck = new ClassicHealthCheck(target, c.Int("Interval") ?? 30, c.Int("Timeout") ?? 5, c.Int("UnhealthyThreshold") ?? 2, c.Int("HealthyThreshold") ?? 10);
        xml.Element("HealthCheck", y => HealthCheck(y, lb.HealthCheck));
    }

    private static void HealthCheck(XmlOut x, ClassicHealthCheck c) =>
        x.Leaf("Target", c.Target).Leaf("Interval", c.Interval).Leaf("Timeout", c.Timeout).Leaf("UnhealthyThreshold", c.UnhealthyThreshold).Leaf("HealthyThreshold", c.HealthyThreshold);

    private void Register(QueryRequest request, XmlOut xml, bool register)
    {
        var lb = Find(request.Required("LoadBalancerName"));
        var ids = request.Structs("Instances").Select(i => i.Required("InstanceId")).ToList();
        if (ids.FirstOrDefault(id => !Cloud.State.Instances.TryGetValue(id, out var i) || i.State == "terminated") is { } unknown)
        {
            throw new AwsException("InvalidInstance", $"The specified EC2 Instance ID does not exist or is terminated: {unknown}");
        }

        foreach (var id in ids)
        {
            if (register)
            {
                Registration.RegisterClassic(lb, id, Now);
            }
            else
            {
                lb.Instances.Remove(id);
            }
        }

        Cloud.Wake();
        xml.List("Instances", lb.Instances.Keys, (y, id) => y.Leaf("InstanceId", id));
    }

    private void DescribeInstanceHealth(QueryRequest request, XmlOut xml)
    {
        var lb = Find(request.Required("LoadBalancerName"));
        var ids = request.Structs("Instances").Select(i => i.Required("InstanceId")).ToList();
        if (ids.FirstOrDefault(id => !lb.Instances.ContainsKey(id)) is { } unknown)
        {
            throw new AwsException("InvalidInstance", $"Could not find EC2 instance {unknown} registered with load balancer {lb.Name}.");
        }

        var shown = ids.Count > 0 ? ids : lb.Instances.Keys.ToList();
        xml.List("InstanceStates", shown, (x, id) =>
        {
            var h = lb.Instances[id];
            x.Leaf("InstanceId", id).Leaf("State", h.State).Leaf("ReasonCode", h.Reason ?? "N/A").Leaf("Description", h.Description ?? "N/A");
        });
    }
}
