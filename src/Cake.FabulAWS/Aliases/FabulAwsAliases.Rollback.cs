using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS;

/// <content>Going back to the version before the last deploy.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Puts the environment back on the launch source it had before the deploy that made what its group launches now
    /// (from the history the deploys keep on the group), replacing the instances as DeploySerial does, without
    /// deploy_worker. Each Rollback goes one deploy further back.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="settings">The production confirmation and the strategy (what to deploy comes from the history).</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>What the rollback did.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Rollback").Does(async () =&gt; await FabulAwsRollbackAsync(production, new DeploySettings { Confirm = "production" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Deploy)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Deploy")]
    public static Task<DeployResult> FabulAwsRollbackAsync(this ICakeContext context, DeploymentTarget target, DeploySettings? settings = null, EnvironmentOptions? options = null) =>
        RunChangingAsync(
            context,
            target,
            options,
            "Rollback",
            null,
            (services, cancellationToken) => new RollbackWorkflow(services).RunAsync(settings ?? new DeploySettings(), cancellationToken),
            async (services, cancellationToken) =>
            {
                var plan = await new RollbackWorkflow(services).PlanAsync(settings ?? new DeploySettings(), cancellationToken).ConfigureAwait(false);
                return (plan, DeployResult.Planned(plan, "Rollback", null));
            });
}
