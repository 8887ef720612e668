using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Plan;

namespace Cake.FabulAWS;

/// <content>The downtime deploy.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Deploys a release made by CreateLaunchConfig behind the upgrade page, for changes the old code cannot live with
    /// (FabulAWS deploy_full): the group doubled with the new instances out of the load balancers, the page up just
    /// before deploy_worker, the new instances registered and healthy, the page down, the old instances terminated,
    /// sizes and processes exactly as they were. A failure before the old instances go rolls back to them.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="settings">What to deploy (the release, or its name) and the production confirmation.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>What the deploy did.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("DeployFull").Does(async () =&gt;
    /// {
    ///     var release = await FabulAwsCreateLaunchConfigAsync(staging, await FabulAwsCheckBranchAsync(staging));
    ///     await FabulAwsDeployFullAsync(staging, new DeploySettings { Release = release });
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Deploy)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Deploy")]
    public static Task<DeployResult> FabulAwsDeployFullAsync(this ICakeContext context, DeploymentTarget target, DeploySettings settings, EnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return RunChangingAsync(
            context,
            target,
            options,
            "DeployFull",
            settings.Release?.Commit,
            (services, cancellationToken) => new FullDeployWorkflow(services).RunAsync(settings, cancellationToken),
            async (services, cancellationToken) =>
            {
                var plan = await new DeployPlanner(services).FullAsync(settings, cancellationToken).ConfigureAwait(false);
                return (plan, DeployResult.Planned(plan, "DeployFull", settings.Release));
            },
            launchConfigName: settings.Release is null ? settings.LaunchConfigName : null);
    }
}
