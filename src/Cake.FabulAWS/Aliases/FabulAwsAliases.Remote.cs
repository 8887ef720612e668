using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS;

/// <content>Aliases that act on the servers over SSH: the upgrade page, deploy_worker, update_server_passwords.</content>
public static partial class FabulAwsAliases
{
    /// <summary>Pushes the secrets named in <c>password_names</c> from <c>fabsecrets_&lt;environment&gt;.yml</c> to every server, one 0600 file each.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// Task("UpdateServerPasswords").Does(async () =&gt;
    ///     await FabulAwsUpdateServerPasswordsAsync(new UpdateServerPasswordsSettings { Deployment = "myproject", Environment = "staging", Ssh = ssh, Ports = ports, PasswordNames = new[] { "database_password" } }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Secrets)]
    [CakeNamespaceImport("Cake.FabulAWS.Remote")]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.UpdateServerPasswords")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsUpdateServerPasswordsAsync(this ICakeContext context, UpdateServerPasswordsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with { Ssh = Local(context, settings.Ssh), SecretsFileDirectory = new DirectoryPath(settings.SecretsFileDirectory).MakeAbsolute(context.Environment).FullPath };
        var hosts = settings.Hosts ?? await Directory(settings).FindRolesAsync(settings.Deployment, settings.Environment, settings.Roles).ConfigureAwait(false);
        return await new UpdateServerPasswordsWorkflow(Remote(context, settings), settings.Ports.Git, context.Log).RunAsync(hosts, settings).ConfigureAwait(false);
    }

    /// <summary>Shows the "upgrade in progress" page on every web server (FabulAWS begin_upgrade).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsBeginUpgradeAsync(upgradePage);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Upgrade")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsBeginUpgradeAsync(this ICakeContext context, UpgradePageSettings settings)
    {
        var (workflow, hosts, local) = await UpgradePage(context, settings).ConfigureAwait(false);
        return await workflow.BeginAsync(hosts, local).ConfigureAwait(false);
    }

    /// <summary>Removes the "upgrade in progress" page from every web server (FabulAWS end_upgrade).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The per-host results.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsEndUpgradeAsync(upgradePage);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Upgrade")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsEndUpgradeAsync(this ICakeContext context, UpgradePageSettings settings)
    {
        var (workflow, hosts, local) = await UpgradePage(context, settings).ConfigureAwait(false);
        return await workflow.EndAsync(hosts, local).ConfigureAwait(false);
    }

    /// <summary>Checks that every web server shows (or no longer shows) the upgrade page; throws listing the hosts that differ.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="expectShown">True after begin, false after end.</param>
    /// <returns>The report.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsVerifyUpgradePageAsync(upgradePage, expectShown: false);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Upgrade")]
    public static async Task<UpgradePageReport> FabulAwsVerifyUpgradePageAsync(this ICakeContext context, UpgradePageSettings settings, bool expectShown)
    {
        var (workflow, hosts, local) = await UpgradePage(context, settings).ConfigureAwait(false);
        var report = await workflow.VerifyAsync(hosts, local, expectShown).ConfigureAwait(false);
        return report.IsConsistent ? report : throw new CakeException(report.ToString());
    }

    /// <summary>Runs the deploy_worker commands in order on the worker, with DEPLOY_COMMIT exported (FabulAWS deploy_worker).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>One result per command.</returns>
    /// <example>
    /// <code>
    /// await FabulAwsDeployWorkerAsync(new DeployWorkerSettings { Deployment = "myproject", Environment = "staging", Ssh = ssh, Ports = ports, Commit = commit, Commands = config.DeployWorkerCommands });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Servers)]
    [CakeNamespaceImport("Cake.FabulAWS.Workflows.Upgrade")]
    public static async Task<IReadOnlyList<HostResult>> FabulAwsDeployWorkerAsync(this ICakeContext context, DeployWorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with { Ssh = Local(context, settings.Ssh) };
        var workers = settings.Hosts ?? await Directory(settings).FindRoleAsync(settings.Deployment, settings.Environment, settings.WorkerRole).ConfigureAwait(false);
        return await new DeployWorkerWorkflow(Remote(context, settings), context.Log).RunAsync(workers, settings).ConfigureAwait(false);
    }

    private static async Task<(UpgradePageWorkflow Workflow, IReadOnlyList<RemoteHost> Hosts, UpgradePageSettings Settings)> UpgradePage(ICakeContext context, UpgradePageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings with
        {
            Ssh = Local(context, settings.Ssh),
            UpgradeMessageFile = new FilePath(settings.UpgradeMessageFile).MakeAbsolute(context.Environment).FullPath,
            HealthcheckOverrideFile = new FilePath(settings.HealthcheckOverrideFile).MakeAbsolute(context.Environment).FullPath,
        };
        var hosts = settings.Hosts ?? await Directory(settings).FindWebServersAsync(settings.AutoScalingGroupName).ConfigureAwait(false);
        return (new UpgradePageWorkflow(Remote(context, settings), context.Log), hosts, settings);
    }

    private static SshSettings Local(ICakeContext context, SshSettings ssh) =>
        ssh with { LogDirectory = new DirectoryPath(ssh.LogDirectory).MakeAbsolute(context.Environment).FullPath };

    private static ServerDirectory Directory(RemoteStepSettings settings) =>
        new(settings.Ports.Instances, settings.Ports.AutoScalingGroups, settings.AddressAttribute);

    private static IRemoteHosts Remote(ICakeContext context, RemoteStepSettings settings) =>
        settings.Ports.RemoteHosts ?? new SshRemoteHosts(settings.Ssh, context.Log, settings.Ssh.UseConsoleOutputHostKeys ? settings.Ports.Instances : null);
}
