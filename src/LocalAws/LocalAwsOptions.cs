namespace LocalAws;

/// <summary>How a LocalAws server runs: its port, its clock, how fast simulated time passes, its hosts.</summary>
public sealed record LocalAwsOptions
{
    /// <summary>Gets the API port on 127.0.0.1; 0 picks a free one (tests). Default 4566.</summary>
    public int Port { get; init; } = 4566;

    /// <summary>Gets the region reported (availability zones are region + a, b, c).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets how long an instance stays pending before it runs (its host must also be up).</summary>
    public TimeSpan BootTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long an image stays pending before it is available.</summary>
    public TimeSpan ImageBuildTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the control loop period; <see cref="TimeSpan.Zero"/> for no loop (tests call TickAsync).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets the real duration of one AWS second for durations set through the API (health check interval
    /// and timeout, grace period, deregistration delay, instance warmup): 0.1 makes a 30 s interval 3 s.
    /// </summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Gets the clock; null for the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Gets the seed of LocalAws's random choices (ids, faults, Default termination policy); never of addresses, which stay unique per server.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Gets a value indicating whether instances get real hosts (sshd and HTTP); false for API-only tests.</summary>
    public bool StartHosts { get; init; } = true;

    /// <summary>Gets the sshd port on every instance address.</summary>
    public int SshPort { get; init; } = 2222;

    /// <summary>Gets the HTTP port on every instance address; every instance port of listeners and health checks maps to it.</summary>
    public int InstanceHttpPort { get; init; } = 8080;

    /// <summary>Gets the HTTP port of every load balancer and target group endpoint (each on its own address).</summary>
    public int LoadBalancerHttpPort { get; init; } = 8080;

    /// <summary>Gets the public keys (authorized_keys lines) that may log in to instances as fabdeploy.</summary>
    public IReadOnlyList<string> AuthorizedKeys { get; init; } = [];

    /// <summary>Gets where instance, image and sshd directories go; null for a new temp directory deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Gets a seed file (JSON list of API calls) applied at start.</summary>
    public string? SeedFile { get; init; }

    /// <summary>Gets the faults to start with.</summary>
    public Faults.FaultSettings Faults { get; init; } = new();

    /// <summary>Gets how many timeline samples are kept (oldest dropped).</summary>
    public int TimelineCapacity { get; init; } = 20_000;

    /// <summary>Scales an AWS duration in seconds to real time.</summary>
    /// <param name="seconds">AWS seconds.</param>
    /// <returns>The real duration.</returns>
    internal TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds * TimeScale);
}
