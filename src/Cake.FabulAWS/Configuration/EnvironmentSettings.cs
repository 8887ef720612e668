namespace Cake.FabulAWS.Configuration;

/// <summary>How many servers of one role CreateEnvironment creates (<c>servers: {role: count}</c>).</summary>
/// <param name="Role">The role tag, such as <c>db-primary</c> or <c>worker</c>.</param>
/// <param name="Count">How many; 0 leaves the role out of this environment.</param>
public sealed record RoleServers(string Role, int Count);

/// <summary>
/// The web tier of a new environment (<c>group_settings</c>): the sizes and health check CreateEnvironment gives the
/// Auto Scaling group it creates, and the sizes DeployFull scales a group without instances to (FabulAWS's
/// <c>num_web</c>).
/// </summary>
public sealed record GroupSettings
{
    /// <summary>Gets the group's minimum size once the web tier is up (<c>min_size</c>, default 2).</summary>
    public int MinSize { get; init; } = 2;

    /// <summary>Gets the group's maximum size (<c>max_size</c>, default 4).</summary>
    public int MaxSize { get; init; } = 4;

    /// <summary>Gets how many web servers a new environment starts with (<c>desired_capacity</c>, default 2).</summary>
    public int DesiredCapacity { get; init; } = 2;

    /// <summary>Gets the health check type of a created group: ELB (the default, as FabulAWS's groups had) or EC2.</summary>
    public string HealthCheckType { get; init; } = "ELB";

    /// <summary>Gets the health check grace period of a created group, in seconds (default 120, as FabulAWS's groups had).</summary>
    public int HealthCheckGracePeriod { get; init; } = 120;
}
