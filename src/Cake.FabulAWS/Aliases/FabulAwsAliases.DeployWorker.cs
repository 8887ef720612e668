using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS;

/// <content>deploy_worker.</content>
public static partial class FabulAwsAliases
{
    /// <summary>Runs the environment's <c>deploy_worker_commands</c> in order on its worker (FabulAWS deploy_worker).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="commit">The deployed commit (7 to 40 hexadecimal digits), exported to the commands as DEPLOY_COMMIT and usable as <c>{{commit}}</c>.</param>
    /// <param name="options">The SSH user override, host-key trust and the worker to use; defaults when null.</param>
    /// <returns>One result per command.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("Migrate").Does(async () =&gt;
    /// {
    ///     var verified = await FabulAwsCheckBranchAsync(staging);
    ///     await FabulAwsDeployWorkerAsync(staging, verified.Commit);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static Task<IReadOnlyList<HostResult>> FabulAwsDeployWorkerAsync(this ICakeContext context, DeploymentTarget target, string commit, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "deploy_worker", async (services, cancellationToken) =>
        {
            var settings = services.DeployWorker(commit);
            var workers = await services.Servers.FindRoleAsync(target.Deployment, target.Environment, target.WorkerRole, cancellationToken).ConfigureAwait(false);
            return await new DeployWorkerWorkflow(services.Remote, services.Log).RunAsync(workers, settings, cancellationToken).ConfigureAwait(false);
        });
}
