using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Phases;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>What CreateLaunchConfig made: reuse <see cref="Name"/> with <c>--launch-config</c>.</summary>
/// <param name="Name">The name to deploy it by: <c>template:version</c>, or the launch configuration's name.</param>
/// <param name="Commit">The commit baked into the image.</param>
/// <param name="ImageId">The image.</param>
/// <param name="ImageName">The image's name.</param>
/// <param name="LaunchSource">The launch template version or launch configuration, as a group refers to it.</param>
public sealed record LaunchConfigResult(string Name, string Commit, string ImageId, string ImageName, LaunchSource LaunchSource)
{
    /// <summary>Gets what the cleanup removed (older releases past <c>keep_releases</c>).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Gets the phases and their durations.</summary>
    public IReadOnlyList<PhaseRecord> Phases { get; init; } = [];

    /// <summary>Gets a value indicating whether this is only what a <c>--plan</c> run would make (nothing was made).</summary>
    public bool IsPlan { get; init; }
}
