namespace LocalAws.Model;

/// <summary>Where an instance's host processes are.</summary>
public enum HostStatus
{
    /// <summary>Nothing started yet.</summary>
    NotStarted,

    /// <summary>sshd and HTTP are starting.</summary>
    Starting,

    /// <summary>The host serves (sshd may be down by a fault).</summary>
    Ready,

    /// <summary>The host could not start.</summary>
    Failed,

    /// <summary>The host was stopped (instance terminated).</summary>
    Stopped,
}

/// <summary>An EC2 instance in LocalAws's state.</summary>
public sealed class Ec2Instance
{
    internal Ec2Instance(string id, string imageId, string instanceType, string address, DateTimeOffset launchTime)
    {
        Id = id;
        ImageId = imageId;
        InstanceType = instanceType;
        Address = address;
        LaunchTime = launchTime;
    }

    /// <summary>Gets the instance id.</summary>
    public string Id { get; }

    /// <summary>Gets the AMI.</summary>
    public string ImageId { get; }

    /// <summary>Gets the instance type.</summary>
    public string InstanceType { get; }

    /// <summary>Gets the loopback address (private and public IP, DNS names).</summary>
    public string Address { get; }

    /// <summary>Gets the launch time.</summary>
    public DateTimeOffset LaunchTime { get; }

    /// <summary>Gets the EC2 state: pending, running, shutting-down, terminated.</summary>
    public string State { get; internal set; } = "pending";

    /// <summary>Gets the tags.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the availability zone.</summary>
    public string AvailabilityZone { get; internal set; } = "us-east-1a";

    /// <summary>Gets the Auto Scaling group it belongs to, if any.</summary>
    public string? GroupName { get; internal set; }

    /// <summary>Gets the state of its host (sshd and HTTP).</summary>
    public HostStatus Host { get; internal set; }

    /// <summary>Gets the directory sessions see as home; www/ is served over HTTP.</summary>
    public string? HomeDirectory { get; internal set; }

    /// <summary>Gets the sshd host public key line, once the host started.</summary>
    public string? HostPublicKey { get; internal set; }

    /// <summary>Gets a value indicating whether a fault keeps its health check failing.</summary>
    public bool NeverHealthy { get; internal set; }

    /// <summary>Gets a value indicating whether a fault keeps its sshd down.</summary>
    public bool SshDown { get; internal set; }

    /// <summary>Gets the root EBS volume, made from its image's root snapshot.</summary>
    public RootVolume? RootVolume { get; internal set; }

    internal string? KeyName { get; set; }

    internal string? UserData { get; set; }

    internal string? SubnetId { get; set; }

    internal List<string> SecurityGroups { get; } = [];

    internal string ReservationId { get; set; } = string.Empty;

    internal int LaunchIndex { get; set; }

    internal LaunchTemplateRef? LaunchTemplate { get; set; }

    internal string? LaunchConfigurationName { get; set; }

    internal DateTimeOffset? TerminatedAt { get; set; }

    internal string? StateReason { get; set; }

    /// <summary>Gets the EC2 state code.</summary>
    internal int StateCode => State switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        _ => 80,
    };

    /// <summary>Gets the host name cloud-init would print (ip-127-x-y-z).</summary>
    internal string HostName => "ip-" + Address.Replace('.', '-');
}

/// <summary>A launch template version as an instance or group refers to it.</summary>
/// <param name="Id">The template id.</param>
/// <param name="Name">The template name.</param>
/// <param name="Version">The version as given: a number, $Default or $Latest.</param>
public sealed record LaunchTemplateRef(string Id, string Name, string Version);
