using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Deploy;

namespace Cake.FabulAWS;

/// <content>Terminating the instances kept for an instant rollback.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Terminates the instances a serial deploy kept in Standby (<c>keep_previous</c>) once their time is up, or at once
    /// with <paramref name="now"/>; every changing target does the first on its own. Also finishes or rolls back a
    /// deploy that a killed run left interrupted.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="now">Whether to terminate them before their time.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>The instances terminated.</returns>
    /// <example>
    /// <code>
    /// var production = FabulAwsLoadConfig().Resolve("production");
    /// Task("Cleanup").Does(async () =&gt; await FabulAwsCleanupAsync(production, now: HasArgument("now")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Safety)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Deploy")]
    public static Task<IReadOnlyList<string>> FabulAwsCleanupAsync(this ICakeContext context, DeploymentTarget target, bool now = false, EnvironmentOptions? options = null) =>
        RunChangingAsync(
            context,
            target,
            options,
            "Cleanup",
            null,
            (services, cancellationToken) => new KeptInstances(services).CleanupAsync(now, cancellationToken),
            (services, cancellationToken) => new KeptInstances(services).PlanCleanupAsync(now, cancellationToken));
}
