using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.Plan;

namespace Cake.FabulAWS;

/// <content>The rolling deploy.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Deploys a release made by CreateLaunchConfig without downtime (FabulAWS deploy_serial, launch-first by default):
    /// deploy_worker first, then rounds that launch new instances, wait until they serve everywhere, and only then
    /// terminate as many old ones. Any failure, Ctrl-C or SIGTERM rolls the group back to the old version at its
    /// original capacity, with its sizes and processes as they were.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="settings">What to deploy (the release, or its name), the production confirmation and the strategy.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>What the deploy did.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("DeploySerial").Does(async () =&gt;
    ///     await FabulAwsDeploySerialAsync(production, new DeploySettings { LaunchConfigName = "demo-production-lt:7", Confirm = "production" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Deploy)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Deploy")]
    public static Task<DeployResult> FabulAwsDeploySerialAsync(this ICakeContext context, DeploymentTarget target, DeploySettings settings, EnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return RunChangingAsync(
            context,
            target,
            options,
            "DeploySerial",
            settings.Release?.Commit,
            (services, cancellationToken) => new SerialDeployWorkflow(services).RunAsync(settings, cancellationToken),
            async (services, cancellationToken) =>
            {
                var plan = await new DeployPlanner(services).SerialAsync(settings, "DeploySerial", cancellationToken).ConfigureAwait(false);
                return (plan, DeployResult.Planned(plan, "DeploySerial", settings.Release));
            },
            launchConfigName: settings.Release is null ? settings.LaunchConfigName : null);
    }
}
