using Cake.Core;
using Cake.Core.Annotations;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS;

/// <content>Checking the upgrade page on every web server.</content>
public static partial class FabulAwsAliases
{
    /// <summary>Checks that every web server shows (or no longer shows) the upgrade page; throws listing the servers that differ.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment, from <c>config.Resolve(...)</c>.</param>
    /// <param name="expectShown">True after begin, false after end.</param>
    /// <param name="options">The SSH user override and host-key trust; defaults when null.</param>
    /// <returns>The report, when every server matches.</returns>
    /// <example>
    /// <code>
    /// var staging = FabulAwsLoadConfig().Resolve("staging");
    /// Task("CheckSiteIsUp").Does(async () =&gt; await FabulAwsVerifyUpgradePageAsync(staging, expectShown: false));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Upgrade")]
    public static Task<UpgradePageReport> FabulAwsVerifyUpgradePageAsync(this ICakeContext context, DeploymentTarget target, bool expectShown, EnvironmentOptions? options = null) =>
        RunAsync(context, target, options, "VerifyUpgradePage", async (services, cancellationToken) =>
        {
            var hosts = await services.Servers.FindWebServersAsync(target.AutoScalingGroupName, cancellationToken).ConfigureAwait(false);
            var report = await UpgradePage(services).VerifyAsync(hosts, services.UpgradePage, expectShown, cancellationToken).ConfigureAwait(false);
            return report.IsConsistent ? report : throw new CakeException(report.ToString());
        }, planAware: true);
}
