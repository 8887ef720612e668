using Cake.Core.Diagnostics;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using Cake.FabulAWS.Workflows.Upgrade;
using Cake.FabulAWS.Workflows.Waiting;

namespace Cake.FabulAWS.Environments;

/// <summary>
/// Everything the workflows of one run on one environment stand on: its target, the AWS ports, the SSH adapter,
/// the git checkout and local files beside fabulaws-config.yml, the log and the clock. Built once per alias call by
/// <see cref="EnvironmentServicesFactory"/>, the only place that knows the adapters; tests build it from fakes.
/// </summary>
internal sealed class EnvironmentServices : IDisposable
{
    /// <summary>Gets the resolved environment.</summary>
    public required DeploymentTarget Target { get; init; }

    /// <summary>Gets the per-run options.</summary>
    public required EnvironmentOptions Options { get; init; }

    /// <summary>Gets the AWS ports.</summary>
    public required AwsServices Aws { get; init; }

    /// <summary>Gets the remote-host port.</summary>
    public required IRemoteHosts Remote { get; init; }

    /// <summary>Gets the checkout the config file is in.</summary>
    public required IGitRepository Git { get; init; }

    /// <summary>Gets the local files.</summary>
    public required ILocalFiles Files { get; init; }

    /// <summary>Gets HTTP GETs of the site and of instances.</summary>
    public required IWebProbe Web { get; init; }

    /// <summary>Gets the person at the terminal, if any.</summary>
    public required IConfirmation Confirmation { get; init; }

    /// <summary>Gets the Cake log.</summary>
    public required ICakeLog Log { get; init; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets how environment variables are read (CI outputs, GitHub Actions).</summary>
    public Func<string, string?> Variables { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Gets a new phase log for one workflow run (GitHub Actions groups when GITHUB_ACTIONS is true).</summary>
    public Workflows.Phases.PhaseLog Phases => new(Log, Time, string.Equals(Variables("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the folder of fabulaws-config.yml: secrets, logs and relative paths start there.</summary>
    public string ConfigDirectory => Target.ConfigDirectory;

    /// <summary>Gets the environment's servers, by tags and by the group.</summary>
    public ServerDirectory Servers => new(Aws.Instances, Aws.AutoScalingGroups, Target.SshAddressAttribute);

    /// <summary>Gets the wait primitive on this run's clock and log.</summary>
    public Waiter Waits => new(Time, Log);

    /// <summary>Gets what the upgrade page needs from the configuration.</summary>
    public UpgradePageSettings UpgradePage => new()
    {
        StaticRoot = Target.StaticHtml.RemoteRoot,
        UpgradeMessageFile = Target.StaticHtml.UpgradeMessage,
        HealthcheckOverrideFile = Target.StaticHtml.HealthcheckOverride,
        UpgradeMessageName = StaticHtmlFiles.RemoteUpgradeMessageName,
        HealthcheckName = StaticHtmlFiles.RemoteHealthcheckName,
    };

    /// <summary>Gets what update_server_passwords needs from the configuration.</summary>
    public UpdateServerPasswordsSettings UpdateServerPasswords => new()
    {
        Deployment = Target.Deployment,
        Environment = Target.Environment,
        PasswordNames = Target.PasswordNames,
        SecretsFileDirectory = ConfigDirectory,
        Roles = [Target.WebRole, Target.WorkerRole],
    };

    /// <summary>Gets the owner of the SDK clients and connections, disposed with the services.</summary>
    internal IDisposable? Owned { get; init; }

    /// <summary>What deploy_worker needs for one commit; its commands start in the deploy user's home.</summary>
    /// <param name="commit">The commit being deployed.</param>
    /// <returns>The settings.</returns>
    public DeployWorkerSettings DeployWorker(string commit) => new()
    {
        Deployment = Target.Deployment,
        Environment = Target.Environment,
        Commit = commit,
        Commands = Target.RenderDeployWorkerCommands(commit),
        WorkerRole = Target.WorkerRole,
        WorkerHost = Options.WorkerHost,
        WorkingDirectory = "~",
    };

    public void Dispose()
    {
        Aws.Dispose();
        Owned?.Dispose();
    }
}
