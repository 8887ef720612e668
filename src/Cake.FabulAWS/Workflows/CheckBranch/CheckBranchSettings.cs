using Cake.Core.IO;

namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>Settings for <c>FabulAwsCheckBranchAsync</c>: which remote to compare with, where the checkout is.</summary>
public sealed class CheckBranchSettings
{
    /// <summary>Gets or sets the remote the branch must match. Defaults to <c>origin</c>.</summary>
    public string Remote { get; set; } = "origin";

    /// <summary>
    /// Gets or sets the checkout to check (or a folder inside it).
    /// Defaults to the working directory of the Cake script; a relative path is taken from there.
    /// </summary>
    public DirectoryPath? WorkingDirectory { get; set; }

    /// <summary>
    /// Gets or sets how long the fetch of the remote branch may take before it is stopped. Defaults to 60 seconds.
    /// Every other git command is limited to 30 seconds.
    /// </summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
