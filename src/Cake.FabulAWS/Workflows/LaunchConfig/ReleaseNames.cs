using System.Globalization;
using System.Text.RegularExpressions;
using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Workflows.LaunchConfig;

/// <summary>
/// The names CreateLaunchConfig gives what it makes, as FabulAWS named them: the image
/// <c>&lt;deployment&gt;_&lt;environment&gt;_web_&lt;UTC yyyy.MM.dd-HH.mm.ss&gt;_&lt;commit&gt;</c>, the launch configuration
/// <c>..._lc_...</c>, and a launch template version description that starts with <c>fabulaws</c>, so that cleanup
/// and <c>--launch-config</c> know what is theirs.
/// </summary>
internal static partial class ReleaseNames
{
    /// <summary>The image name.</summary>
    public static string Image(DeploymentTarget target, DateTimeOffset now, string commit) =>
        $"{target.Deployment}_{target.Environment}_web_{Stamp(now)}_{commit}";

    /// <summary>The launch configuration name.</summary>
    public static string LaunchConfiguration(DeploymentTarget target, DateTimeOffset now, string commit) =>
        $"{target.Deployment}_{target.Environment}_lc_{Stamp(now)}_{commit}";

    /// <summary>The start of every image name of the environment.</summary>
    public static string ImagePrefix(DeploymentTarget target) => $"{target.Deployment}_{target.Environment}_web_";

    /// <summary>The start of every launch configuration name of the environment.</summary>
    public static string LaunchConfigurationPrefix(DeploymentTarget target) => $"{target.Deployment}_{target.Environment}_lc_";

    /// <summary>The description of a launch template version (at most 255 characters).</summary>
    public static string VersionDescription(DeploymentTarget target, string commit, string imageName) =>
        Truncate($"{DescriptionPrefix(target)}commit {commit} image {imageName}", 255);

    /// <summary>The start of the description of every template version of the environment.</summary>
    public static string DescriptionPrefix(DeploymentTarget target) => $"fabulaws {target.Deployment}/{target.Environment} ";

    /// <summary>Reads the commit back from a name ending in <c>_&lt;commit&gt;</c>, or from a description's <c>commit &lt;sha&gt;</c>.</summary>
    public static string? CommitIn(string? text) => text is null ? null
        : DescriptionCommit().Match(text) is { Success: true } described ? described.Groups[1].Value
        : NameCommit().Match(text) is { Success: true } named ? named.Groups[1].Value
        : null;

    private static string Stamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy.MM.dd-HH.mm.ss", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [GeneratedRegex(@"\bcommit ([0-9a-f]{7,40})\b")]
    private static partial Regex DescriptionCommit();

    [GeneratedRegex(@"_([0-9a-f]{7,40})$")]
    private static partial Regex NameCommit();
}
