namespace Cake.FabulAWS.Configuration;

/// <summary>How DeploySerial replaces the instances.</summary>
public enum SerialStrategy
{
    /// <summary>Launch the new instances of a round first, then terminate as many old ones: capacity never drops (the default).</summary>
    LaunchFirst,

    /// <summary>AWS Instance Refresh with launch-before-terminate (MinHealthyPercentage 100), rolled back on failure.</summary>
    InstanceRefresh,

    /// <summary>FabulAWS's way, one at a time: mark an old instance unhealthy and wait for its replacement; for groups that cannot grow.</summary>
    FabulAws,
}

/// <summary>DeploySerial's settings (<c>serial</c> in fabulaws-config.yml).</summary>
public sealed record SerialSettings
{
    /// <summary>Gets the strategy (<c>strategy</c>: launch-first, instance-refresh or fabulaws).</summary>
    public SerialStrategy Strategy { get; init; } = SerialStrategy.LaunchFirst;

    /// <summary>Gets how many instances one round replaces (<c>batch_size</c>, default 1).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Gets the round size as a share of the desired capacity, rounded up (<c>max_surge_percent</c>); overrides the batch size.</summary>
    public int? MaxSurgePercent { get; init; }

    /// <summary>The number of instances one round replaces, for a group of <paramref name="desired"/>.</summary>
    /// <param name="desired">The desired capacity at the start.</param>
    /// <returns>At least 1, at most <paramref name="desired"/>.</returns>
    public int RoundSize(int desired) => Math.Clamp(MaxSurgePercent is { } percent ? (int)Math.Ceiling(desired * percent / 100.0) : BatchSize, 1, Math.Max(desired, 1));
}

/// <summary>
/// A check of the application itself, beyond the load balancer's health check (<c>smoke_check</c>): each new instance
/// directly, and the site through the load balancer after each round; a failure fails the deploy.
/// </summary>
/// <param name="Path">The path to GET, such as <c>/</c>.</param>
/// <param name="Status">The expected status code.</param>
/// <param name="Contains">Text the body must contain, or null.</param>
/// <param name="Url">The site's address through the load balancer; null to skip that part.</param>
public sealed record SmokeCheck(string Path, int Status, string? Contains, Uri? Url);
