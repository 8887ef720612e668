using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS;

/// <content>Showing the upgrade page.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Shows the "upgrade in progress" page on every web server of the environment (FabulAWS begin_upgrade), with the
    /// health-check override so the load balancer keeps them in service. Files of the application are never replaced.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("BeginUpgrade").Does(async () =&gt; await FabulAwsBeginUpgradeAsync(staging));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static Task<IReadOnlyList<HostResult>> FabulAwsBeginUpgradeAsync(this ICakeContext context, DeploymentTarget target, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "BeginUpgrade", async (services, cancellationToken) =>
        {
            var hosts = await services.Servers.FindWebServersAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
            return await UpgradePage(services).BeginAsync(hosts, services.UpgradePage, cancellationToken).ConfigureAwait(false);
        });

    private static UpgradePageWorkflow UpgradePage(EnvironmentServices services) => new(services.Remote, services.Files, services.Log);
}
