using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS;

/// <content>
/// The same steps for one environment of fabulaws-config.yml: AWS clients, git checkout and SSH settings are
/// built from the resolved <see cref="DeploymentTarget"/>.
/// </content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Loads and validates fabulaws-config.yml, logging a warning for each FabulAWS key that is ignored.
    /// Every error of the file is reported at once, with its line, column and key path.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The file; <c>fabulaws-config.yml</c> in the working directory when null.</param>
    /// <returns>The configuration; <c>config.Resolve("staging")</c> picks one environment.</returns>
    /// <example>
    /// <code>
    /// var config = FabulAwsLoadConfig("fabulaws-config.yml");
    /// var staging = config.Resolve("staging");
    /// Information("Deploying {0} from {1}", staging.AutoScalingGroupName, staging.Branch);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Configuration)]
    [CakeNamespaceImport("Cake.FabulAWS.Configuration")]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static FabulAwsConfig FabulAwsLoadConfig(this ICakeContext context, FilePath? path = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = (path ?? new FilePath(FabulAwsConfig.DefaultFileName)).MakeAbsolute(context.Environment);
        var config = FabulAwsConfig.Load(file.FullPath);
        foreach (var warning in config.Warnings)
        {
            context.Log.Warning("{0}", warning);
        }

        return config;
    }

    /// <summary>
    /// Pushes the secrets named in <c>password_names</c> from <c>fabsecrets_&lt;environment&gt;.yml</c> (beside the
    /// config) to every web and worker server of the environment, as owner-only files. Never part of a deploy.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// await FabulAwsUpdateServerPasswordsAsync(staging, new EnvironmentOptions { RemoteUser = "ubuntu" });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Secrets)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsUpdateServerPasswordsAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null)
    {
        using var session = Session(context, target, options);
        return await context.FabulAwsUpdateServerPasswordsAsync(session.UpdateServerPasswords()).ConfigureAwait(false);
    }

    /// <summary>Shows the "upgrade in progress" page on every web server of the environment (FabulAWS begin_upgrade).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsBeginUpgradeAsync(FabulAwsLoadConfig().Resolve("staging"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsBeginUpgradeAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null)
    {
        using var session = Session(context, target, options);
        return await context.FabulAwsBeginUpgradeAsync(session.UpgradePage()).ConfigureAwait(false);
    }

    /// <summary>Removes the "upgrade in progress" page from every web server of the environment (FabulAWS end_upgrade).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsEndUpgradeAsync(FabulAwsLoadConfig().Resolve("staging"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsEndUpgradeAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null)
    {
        using var session = Session(context, target, options);
        return await context.FabulAwsEndUpgradeAsync(session.UpgradePage()).ConfigureAwait(false);
    }

    /// <summary>Runs the environment's <c>deploy_worker_commands</c> in order on its worker (FabulAWS deploy_worker).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="commit">The deployed commit, exported to the commands as DEPLOY_COMMIT and usable as <c>{{commit}}</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>One result per command.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsDeployWorkerAsync(FabulAwsLoadConfig().Resolve("staging"), commit);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsDeployWorkerAsync(this ICakeContext context, DeploymentTarget target, string commit, EnvironmentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commit);
        using var session = Session(context, target, options);
        return await context.FabulAwsDeployWorkerAsync(session.DeployWorker(commit)).ConfigureAwait(false);
    }

    private static EnvironmentSession Session(ICakeContext context, DeploymentTarget target, EnvironmentOptions? options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        return new EnvironmentSession(target, options);
    }
}
