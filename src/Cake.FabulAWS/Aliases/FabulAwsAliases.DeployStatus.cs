using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Status;

namespace Cake.FabulAWS;

/// <content>The environment at a glance.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Logs the environment's state without changing anything: the group's launch source, sizes and suspended
    /// processes, its instances by version with their health in each load balancer, the lock, an interrupted
    /// deploy, instances kept for an instant rollback, and the last deploys (who, what, when, result).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The state.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Status").Does(async () =&gt; await FabulAwsDeployStatusAsync(production));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Safety)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Status")]
    public static Task<DeployStatus> FabulAwsDeployStatusAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "DeployStatus", (services, cancellationToken) => new DeployStatusWorkflow(services).RunAsync(cancellationToken), planAware: true);
}
