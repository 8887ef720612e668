using System.Globalization;

namespace Deploy.Benchmarks;

/// <summary>
/// The fixed LocalAws settings of one benchmark run (AWS seconds scaled by <see cref="TimeScale"/>, boot in real
/// time) and the lower bounds they imply.
/// </summary>
internal sealed record BenchSettings
{
    /// <summary>Gets the real duration of one AWS second (LocalAwsOptions.TimeScale).</summary>
    public double TimeScale { get; init; } = 0.05;

    /// <summary>Gets how long an instance stays pending (LocalAwsOptions.BootTime, real time, not scaled).</summary>
    public TimeSpan Boot { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the LocalAws control loop period.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets the health check interval in AWS seconds (FabulAWS's ELB template: 10).</summary>
    public int IntervalSeconds { get; init; } = 10;

    /// <summary>Gets the healthy (and unhealthy) threshold (FabulAWS's ELB template: 2).</summary>
    public int HealthyThreshold { get; init; } = 2;

    /// <summary>Gets the target group's deregistration delay in AWS seconds (the drain).</summary>
    public int DeregistrationDelaySeconds { get; init; } = 20;

    /// <summary>Gets the group's health check grace period in AWS seconds (FabulAWS's group: 120).</summary>
    public int GraceSeconds { get; init; } = 120;

    /// <summary>Gets timeouts.poll_interval_ms of the deploys.</summary>
    public int PollMilliseconds { get; init; } = 100;

    /// <summary>Gets how often the simulated user asks the site.</summary>
    public TimeSpan UserEvery { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets the one deploy_worker command of DeployFull: <c>sleep N</c>.</summary>
    public int WorkerSleepSeconds { get; init; } = 1;

    /// <summary>Gets a value indicating whether the group is behind a classic ELB (LocalAws has no connection draining) instead of a target group.</summary>
    public bool Classic { get; init; }

    public TimeSpan Scaled(double awsSeconds) => TimeSpan.FromSeconds(awsSeconds * TimeScale);

    public TimeSpan Interval => Scaled(IntervalSeconds);

    /// <summary>
    /// Gets the time from registration to healthy. LocalAws probes a backend at once when it is registered, then
    /// every interval: (threshold - 1) x interval. (AWS's usual figure, threshold x interval, is one interval more.)
    /// </summary>
    public TimeSpan ToHealthy => Interval * (HealthyThreshold - 1);

    /// <summary>Gets the drain: the deregistration delay (0 for a classic ELB, which LocalAws takes out at once).</summary>
    public TimeSpan Drain => Classic ? TimeSpan.Zero : Scaled(DeregistrationDelaySeconds);

    /// <summary>Gets the shortest launch-first round: launch and boot, healthy, then the old ones drain.</summary>
    public TimeSpan LaunchFirstRound => Boot + ToHealthy + Drain;

    /// <summary>Gets the shortest replacement of one instance marked unhealthy: the old one drains while its replacement boots.</summary>
    public TimeSpan MarkUnhealthyRound => Boot + ToHealthy > Drain ? Boot + ToHealthy : Drain;

    public string Describe() => FormattableString.Invariant(
        $"TimeScale {TimeScale} (1 AWS s = {TimeScale * 1000:0} ms); boot {Boot.TotalSeconds:0.##} s real; health check every {IntervalSeconds} s = {Interval.TotalSeconds:0.##} s, healthy threshold {HealthyThreshold}; ")
        + (Classic ? "classic ELB (no drain in LocalAws)" : FormattableString.Invariant($"target group, deregistration delay {DeregistrationDelaySeconds} s = {Drain.TotalSeconds:0.##} s"))
        + FormattableString.Invariant($"; grace {GraceSeconds} s = {Scaled(GraceSeconds).TotalSeconds:0.##} s; tick {Tick.TotalMilliseconds:0} ms; deploy poll {PollMilliseconds} ms; user request every {UserEvery.TotalMilliseconds:0} ms");
}
