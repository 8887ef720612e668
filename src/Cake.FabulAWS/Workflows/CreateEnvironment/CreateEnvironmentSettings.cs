namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>The choices of one CreateEnvironment run (plain data; fabulaws-config.yml has the rest).</summary>
public sealed record CreateEnvironmentSettings
{
    /// <summary>Gets the name of a release CreateLaunchConfig made earlier (<c>--launch-config</c>), to deploy instead of baking one.</summary>
    public string? LaunchConfigName { get; init; }

    /// <summary>Gets the environment's name, typed to confirm a production environment without a terminal (<c>--confirm</c>).</summary>
    public string? Confirm { get; init; }
}
