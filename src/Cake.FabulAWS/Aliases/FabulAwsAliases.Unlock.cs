using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS;

/// <content>Unfreezing deploys.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Removes the environment's lock: one taken by hand, or one left by a run that is gone. The lock of a run that
    /// is still going is only removed with <see cref="EnvironmentOptions.BreakLock"/>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>A task.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Unfreeze").Does(async () =&gt; await FabulAwsUnlockAsync(production));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Safety)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Safety")]
    public static Task FabulAwsUnlockAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "Unlock", async (services, cancellationToken) =>
        {
            if (services.Options.Plan)
            {
                await WritePlanAsync(services, await new Workflows.Plan.LockPlanner(services).UnlockAsync(cancellationToken).ConfigureAwait(false), summary: true, cancellationToken).ConfigureAwait(false);
                return true;
            }

            await new DeployLock(services).UnlockAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, planAware: true);
}
