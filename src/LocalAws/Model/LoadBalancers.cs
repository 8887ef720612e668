namespace LocalAws.Model;

/// <summary>A classic load balancer listener.</summary>
/// <param name="Protocol">HTTP, HTTPS, TCP, SSL.</param>
/// <param name="LoadBalancerPort">The front port.</param>
/// <param name="InstanceProtocol">The back protocol.</param>
/// <param name="InstancePort">The instance port (every instance port maps to the instance HTTP server).</param>
public sealed record Listener(string Protocol, int LoadBalancerPort, string InstanceProtocol, int InstancePort);

/// <summary>A classic ELB health check.</summary>
/// <param name="Target">e.g. HTTP:80/healthcheck.html or TCP:22.</param>
/// <param name="Interval">Seconds between checks (scaled by TimeScale).</param>
/// <param name="Timeout">Seconds before a check fails.</param>
/// <param name="UnhealthyThreshold">Consecutive failures that make an instance OutOfService.</param>
/// <param name="HealthyThreshold">Consecutive successes that make it InService.</param>
public sealed record ClassicHealthCheck(string Target, int Interval, int Timeout, int UnhealthyThreshold, int HealthyThreshold)
{
    /// <summary>Gets the default health check of a new load balancer.</summary>
    public static ClassicHealthCheck Default { get; } = new("TCP:80", 30, 5, 2, 10);
}

/// <summary>A backend's health as a load balancer tracks it.</summary>
public sealed class BackendHealth
{
    /// <summary>Gets the state: InService/OutOfService (classic) or initial/healthy/unhealthy/draining/unused (ELBv2).</summary>
    public string State { get; internal set; } = "OutOfService";

    /// <summary>Gets the reason code.</summary>
    public string? Reason { get; internal set; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; internal set; }

    internal int Successes { get; set; }

    internal int Failures { get; set; }

    internal DateTimeOffset NextCheck { get; set; }

    internal DateTimeOffset? DrainUntil { get; set; }

    internal int Port { get; set; }
}

/// <summary>A classic load balancer with its own HTTP endpoint.</summary>
public sealed class ClassicLoadBalancer
{
    internal ClassicLoadBalancer(string name, string address, DateTimeOffset created)
    {
        Name = name;
        Address = address;
        Created = created;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the loopback address its endpoint listens on (also its DNS name).</summary>
    public string Address { get; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Gets the listeners.</summary>
    public List<Listener> Listeners { get; } = [];

    /// <summary>Gets the health check.</summary>
    public ClassicHealthCheck HealthCheck { get; internal set; } = ClassicHealthCheck.Default;

    /// <summary>Gets the registered instances and their health.</summary>
    public Dictionary<string, BackendHealth> Instances { get; } = new(StringComparer.Ordinal);

    internal List<string> AvailabilityZones { get; } = [];

    internal string Scheme { get; set; } = "internet-facing";
}

/// <summary>An ELBv2 target group; LocalAws fronts it with its own HTTP endpoint as an ALB would.</summary>
public sealed class TargetGroup
{
    internal TargetGroup(string arn, string name, string address)
    {
        Arn = arn;
        Name = name;
        Address = address;
    }

    /// <summary>Gets the ARN.</summary>
    public string Arn { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the loopback address of its endpoint.</summary>
    public string Address { get; }

    /// <summary>Gets the targets and their health.</summary>
    public Dictionary<string, BackendHealth> Targets { get; } = new(StringComparer.Ordinal);

    internal string Protocol { get; set; } = "HTTP";

    internal int Port { get; set; } = 80;

    internal string? VpcId { get; set; }

    internal string HealthCheckProtocol { get; set; } = "HTTP";

    internal string HealthCheckPort { get; set; } = "traffic-port";

    internal string HealthCheckPath { get; set; } = "/";

    internal int Interval { get; set; } = 30;

    internal int Timeout { get; set; } = 5;

    internal int HealthyThreshold { get; set; } = 5;

    internal int UnhealthyThreshold { get; set; } = 2;

    internal string Matcher { get; set; } = "200";

    internal string TargetType { get; set; } = "instance";

    internal int DeregistrationDelay { get; set; } = 300;
}
