using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.CreateEnvironment;

namespace Cake.FabulAWS;

/// <content>Building a whole environment.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Builds a whole environment, as FabulAWS's create_environment did, without its manual steps: refused (listing
    /// them) while servers of the deployment and environment still run; the launch template and the Auto Scaling group
    /// created from the config when they do not exist; every server of <c>servers</c> created in parallel from
    /// <c>instance_settings.ami</c>, tagged deployment, environment and role, given the secrets and provisioned by its
    /// role's <c>role_provision_commands</c>, each with its own log file (one failing does not stop the others, and
    /// fails the run listing its log); meanwhile CreateLaunchConfig bakes the web image; then DeployFull brings up
    /// <c>group_settings</c>' web servers and UpdateServerPasswords pushes the secrets to every new server.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="verified">What <c>FabulAwsCheckBranchAsync</c> returned: the commit to bake and deploy.</param>
    /// <param name="settings">A release to reuse instead of baking one, and the production confirmation; defaults when null.</param>
    /// <param name="options">Per-run options; defaults when null.</param>
    /// <returns>Every server with its state and log file, and what the web tier runs.</returns>
    /// <example>
    /// <code>
    /// var testing = FabulAwsLoadConfig().Resolve("testing");
    /// Task("CreateEnvironment").Does(async () =&gt;
    /// {
    ///     var built = await FabulAwsCreateEnvironmentAsync(testing, await FabulAwsCheckBranchAsync(testing));
    ///     foreach (var server in built.Servers)
    ///     {
    ///         Information("{0} {1}: {2} (log {3})", server.Role, server.Server, server.State, server.LogFile);
    ///     }
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Environment)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.CreateEnvironment")]
    public static Task<CreateEnvironmentResult> FabulAwsCreateEnvironmentAsync(
        this ICakeContext context, DeploymentTarget target, CheckedBranch verified, CreateEnvironmentSettings? settings = null, EnvironmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(verified);
        return RunChangingAsync(
            context,
            target,
            options,
            "CreateEnvironment",
            verified.Commit,
            (services, cancellationToken) => new CreateEnvironmentWorkflow(services).RunAsync(verified, settings ?? new CreateEnvironmentSettings(), cancellationToken),
            (services, cancellationToken) => new Workflows.Plan.CreateEnvironmentPlanner(services).RunAsync(verified, settings ?? new CreateEnvironmentSettings(), cancellationToken),
            groupMayBeMissing: true);
    }
}
