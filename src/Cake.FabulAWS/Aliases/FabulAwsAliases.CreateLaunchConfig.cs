using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS;

/// <content>Baking the image and making the launch source.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Bakes an image of the commit CheckBranch verified on a builder instance (code, secrets unless
    /// <c>bake_secrets: false</c>, <c>provision_commands</c>) and makes the launch template version (or legacy launch
    /// configuration) a deploy points the group at; keeps the newest <c>keep_releases</c>. The builder is terminated in
    /// every ending, and a failed run removes what it made. In CI the name goes to <c>$GITHUB_OUTPUT</c>
    /// (<c>launch_config=...</c>) and always to <c>artifacts/launch-config.txt</c> beside the config.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="verified">What <c>FabulAwsCheckBranchAsync</c> returned: the commit to bake.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The name to deploy it by (<c>template:version</c>), its commit and image.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("CreateLaunchConfig").Does(async () =&gt;
    /// {
    ///     var verified = await FabulAwsCheckBranchAsync(staging);
    ///     var release = await FabulAwsCreateLaunchConfigAsync(staging, verified);
    ///     Information("Made {0} with {1}", release.Name, release.ImageId);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.LaunchConfig)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.LaunchConfig")]
    public static Task<LaunchConfigResult> FabulAwsCreateLaunchConfigAsync(this ICakeContext context, DeploymentTarget target, CheckedBranch verified, EnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(verified);
        return RunChangingAsync(
            context,
            target,
            options,
            "CreateLaunchConfig",
            verified.Commit,
            (services, cancellationToken) => new CreateLaunchConfigWorkflow(services).RunAsync(verified, cancellationToken),
            (services, cancellationToken) => new Workflows.Plan.LaunchConfigPlanner(services).RunAsync(verified, cancellationToken));
    }
}
