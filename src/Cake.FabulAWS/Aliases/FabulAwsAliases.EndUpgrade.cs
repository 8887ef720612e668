using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS;

/// <content>Taking the upgrade page down.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Removes the "upgrade in progress" page from every web server of the environment (FabulAWS end_upgrade): only
    /// the files a deploy placed, so ending twice, or on a server that never had the page, is harmless.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("EndUpgrade").Does(async () =&gt; await FabulAwsEndUpgradeAsync(staging));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static Task<IReadOnlyList<HostResult>> FabulAwsEndUpgradeAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "EndUpgrade", async (services, cancellationToken) =>
        {
            var hosts = await services.Servers.FindWebServersAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
            return await UpgradePage(services).EndAsync(hosts, services.UpgradePage, cancellationToken).ConfigureAwait(false);
        });
}
