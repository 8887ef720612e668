namespace Cake.FabulAWS.Configuration;

/// <summary>The deadlines of the waits of a deploy (<c>timeouts</c>, in seconds in the file).</summary>
public sealed record WaitTimeouts
{
    /// <summary>Gets how long a launched instance may take to be <c>running</c> (<c>instance_running</c>, default 600 s).</summary>
    public TimeSpan InstanceRunning { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Gets how long a running instance may take to accept SSH (<c>ssh_ready</c>, default 300 s).</summary>
    public TimeSpan SshReady { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Gets how long a new AMI may take to be <c>available</c> (<c>image_available</c>, default 3600 s).</summary>
    public TimeSpan ImageAvailable { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Gets how long new group instances may take to be <c>InService</c> (<c>instances_in_service</c>, default 900 s).</summary>
    public TimeSpan InstancesInService { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>Gets how long an instance may take to be healthy in its load balancers (<c>instance_healthy</c>, default 600 s).</summary>
    public TimeSpan InstanceHealthy { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Gets how long an instance may take to leave its load balancers (<c>instance_drained</c>, default 300 s).</summary>
    public TimeSpan InstanceDrained { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Gets how long a run's lock holds without being renewed (<c>lock_lease</c>, default 600 s). A run renews it every
    /// third of that for as long as it goes, so a deploy may take longer; a run that died where its process cannot be
    /// checked (another machine, a CI runner) blocks the environment at most this long.
    /// </summary>
    public TimeSpan LockLease { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Gets how long a whole deploy may take (<c>deploy</c>, default 7200 s).</summary>
    public TimeSpan Deploy { get; init; } = TimeSpan.FromSeconds(7200);

    /// <summary>Gets the time between two polls of a wait (<c>poll_interval_ms</c>, default 5000 ms).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets how long a run waits after writing the deploy lock before reading it back (<c>lock_settle_ms</c>,
    /// default 2000 ms): tags have no compare-and-set, so of two runs that wrote at once only the one that reads its
    /// own lock back goes on.
    /// </summary>
    public TimeSpan LockSettle { get; init; } = TimeSpan.FromSeconds(2);
}
