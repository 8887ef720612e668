using LocalAws.Control;
using LocalAws.Model;

namespace LocalAws.Api;

/// <summary>Elastic Load Balancing v2 (2015-12-01): target groups, their targets and target health.</summary>
internal sealed class Elbv2Api : ServiceApi
{
    public Elbv2Api(Cloud cloud)
        : base(cloud)
    {
        Actions = new Dictionary<string, Action<QueryRequest, XmlOut>>(StringComparer.Ordinal)
        {
            ["CreateTargetGroup"] = Create,
            ["DescribeTargetGroups"] = Describe,
            ["ModifyTargetGroupAttributes"] = ModifyAttributes,
            ["RegisterTargets"] = (r, _) => Register(r, register: true),
            ["DeregisterTargets"] = (r, _) => Register(r, register: false),
            ["DescribeTargetHealth"] = DescribeTargetHealth,
        };
    }

    public override string Name => "elbv2";

    public override string ApiVersion => "2015-12-01";

    public override string XmlNamespace => "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    protected override IReadOnlyDictionary<string, Action<QueryRequest, XmlOut>> Actions { get; }

    private void Create(QueryRequest request, XmlOut xml)
    {
        var name = request.Required("Name");
        if (Cloud.State.TargetGroups.Values.Any(t => t.Name == name))
        {
            throw new AwsException("DuplicateTargetGroupName", $"A target group with the same name '{name}' exists, but with different settings");
        }

        var arn = $"arn:aws:elasticloadbalancing:{Cloud.Options.Region}:{Cloud.State.AccountId}:targetgroup/{name}/{Guid.NewGuid():N}"[..^16];
        var tg = new TargetGroup(arn, name, Cloud.Addresses.Next())
        {
            Protocol = request.Get("Protocol") ?? "HTTP",
            Port = request.Int("Port") ?? 80,
            VpcId = request.Get("VpcId"),
            HealthCheckProtocol = request.Get("HealthCheckProtocol") ?? request.Get("Protocol") ?? "HTTP",
            HealthCheckPort = request.Get("HealthCheckPort") ?? "traffic-port",
            HealthCheckPath = request.Get("HealthCheckPath") ?? "/",
            Interval = request.Int("HealthCheckIntervalSeconds") ?? 30,
            Timeout = request.Int("HealthCheckTimeoutSeconds") ?? 5,
            HealthyThreshold = request.Int("HealthyThresholdCount") ?? 5,
            UnhealthyThreshold = request.Int("UnhealthyThresholdCount") ?? 2,
            Matcher = request.Sub("Matcher").Get("HttpCode") ?? "200",
            TargetType = request.Get("TargetType") ?? "instance",
        };
        Cloud.State.TargetGroups.Add(arn, tg);
        ElbApi.StartEndpoint(Cloud, name, tg.Address, () => tg.Targets.Where(kv => kv.Value.State == "healthy").Select(kv => kv.Key));
        xml.List("TargetGroups", [tg], Write);
    }

    private TargetGroup Find(string arn) => Cloud.State.TargetGroups.TryGetValue(arn, out var tg)
        ? tg : throw new AwsException("TargetGroupNotFound", $"Target groups '{arn}' not found");

    private void Describe(QueryRequest request, XmlOut xml)
    {
        var arns = request.Strings("TargetGroupArns");
        var names = request.Strings("Names");
        var all = Cloud.State.TargetGroups.Values.Where(t => (arns.Count == 0 || arns.Contains(t.Arn)) && (names.Count == 0 || names.Contains(t.Name))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (all.Count < arns.Count + names.Count)
        {
            throw new AwsException("TargetGroupNotFound", "One or more target groups not found");
        }

        var (page, next) = Paging.Page(all, request.Get("Marker"), request.Int("PageSize"), 400, 400, "ValidationError");
        xml.List("TargetGroups", page, Write).Leaf("NextMarker", next);
    }

    private void ModifyAttributes(QueryRequest request, XmlOut xml)
    {
        var tg = Find(request.Required("TargetGroupArn"));
        foreach (var attribute in request.Structs("Attributes").Where(a => a.Get("Key") == "deregistration_delay.timeout_seconds"))
        {
            tg.DeregistrationDelay = attribute.Int("Value") ?? tg.DeregistrationDelay;
        }

        xml.List("Attributes", [("deregistration_delay.timeout_seconds", tg.DeregistrationDelay.ToString(System.Globalization.CultureInfo.InvariantCulture))], (x, a) => x.Leaf("Key", a.Item1).Leaf("Value", a.Item2));
    }

    private void Register(QueryRequest request, bool register)
    {
        var tg = Find(request.Required("TargetGroupArn"));
        var targets = request.Structs("Targets").Select(t => (Id: t.Required("Id"), Port: t.Int("Port"))).ToList();
        if (register && targets.Where(t => !Cloud.State.Instances.TryGetValue(t.Id, out var i) || i.State is not ("running" or "pending")).Select(t => t.Id).ToList() is { Count: > 0 } bad)
        {
            throw new AwsException("InvalidTarget", $"The following targets are not in a running state and cannot be registered: '{string.Join(", ", bad)}'");
        }

        foreach (var (id, port) in targets)
        {
            if (register)
            {
                Registration.RegisterTarget(tg, id, port, Now);
            }
            else
            {
                Registration.DeregisterTarget(Cloud, tg, id);
            }
        }

        Cloud.Wake();
    }

    private void DescribeTargetHealth(QueryRequest request, XmlOut xml)
    {
        var tg = Find(request.Required("TargetGroupArn"));
        var asked = request.Structs("Targets").Select(t => t.Required("Id")).ToList();
        if (asked.FirstOrDefault(id => !Cloud.State.Instances.ContainsKey(id)) is { } unknown)
        {
            throw new AwsException("InvalidTarget", $"The following targets are invalid: '{unknown}'");
        }

        var ids = asked.Count > 0 ? asked : tg.Targets.Keys.ToList();
        xml.List("TargetHealthDescriptions", ids, (x, id) =>
        {
            var h = tg.Targets.GetValueOrDefault(id);
            x.Element("Target", y => y.Leaf("Id", id).Leaf("Port", h?.Port ?? tg.Port)).Leaf("HealthCheckPort", tg.HealthCheckPort == "traffic-port" ? (h?.Port ?? tg.Port).ToString(System.Globalization.CultureInfo.InvariantCulture) : tg.HealthCheckPort)
                .Element("TargetHealth", y => y.Leaf("State", h?.State ?? "unused").Leaf("Reason", h is null ? "Target.NotRegistered" : h.Reason).Leaf("Description", h is null ? "Target is not registered to the target group" : h.Description));
        });
    }

    private static void Write(XmlOut x, TargetGroup t) =>
        x.Leaf("TargetGroupArn", t.Arn).Leaf("TargetGroupName", t.Name).Leaf("Protocol", t.Protocol).Leaf("Port", t.Port).Leaf("VpcId", t.VpcId)
            .Leaf("HealthCheckProtocol", t.HealthCheckProtocol).Leaf("HealthCheckPort", t.HealthCheckPort).Leaf("HealthCheckEnabled", true)
            .Leaf("HealthCheckIntervalSeconds", t.Interval).Leaf("HealthCheckTimeoutSeconds", t.Timeout).Leaf("HealthyThresholdCount", t.HealthyThreshold)
            .Leaf("UnhealthyThresholdCount", t.UnhealthyThreshold).Leaf("HealthCheckPath", t.HealthCheckPath).Element("Matcher", y => y.Leaf("HttpCode", t.Matcher))
            .Strings("LoadBalancerArns", []).Leaf("TargetType", t.TargetType).Leaf("IpAddressType", "ipv4");
}
