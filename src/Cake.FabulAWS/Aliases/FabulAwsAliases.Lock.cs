using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Safety;

namespace Cake.FabulAWS;

/// <content>Freezing deploys by hand.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Locks the environment by hand (as Kamal's lock does): every target that changes its group is refused, naming
    /// who locked it and why, until <see cref="FabulAwsUnlockAsync"/>. Refused while a run holds the lock.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="message">Why, shown to everyone who is refused.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The lock.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Freeze").Does(async () =&gt; await FabulAwsLockAsync(production, "release freeze until Monday"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Safety)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Safety")]
    public static Task<GroupLock> FabulAwsLockAsync(this ICakeContext context, DeploymentTarget target, string? message = null, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "Lock", async (services, cancellationToken) =>
        {
            if (services.Options.Plan)
            {
                var (plan, planned) = await new Workflows.Plan.LockPlanner(services).LockAsync(message, cancellationToken).ConfigureAwait(false);
                await WritePlanAsync(services, plan, summary: true, cancellationToken).ConfigureAwait(false);
                return planned;
            }

            return await new DeployLock(services).LockByHandAsync(message, cancellationToken).ConfigureAwait(false);
        }, planAware: true);
}
