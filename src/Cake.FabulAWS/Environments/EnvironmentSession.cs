using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Git;
using Cake.FabulAWS.Remote;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;
using Cake.FabulAWS.Workflows.Upgrade;

namespace Cake.FabulAWS.Environments;

/// <summary>
/// Turns one resolved environment of fabulaws-config.yml into the settings and adapters the workflows take:
/// the AWS clients for its region and endpoint, the git checkout beside the config, and SSH settings.
/// </summary>
internal sealed class EnvironmentSession : IDisposable
{
    private readonly AwsServices aws;

    public EnvironmentSession(DeploymentTarget target, EnvironmentOptions? options = null, AwsServices? aws = null)
    {
        Target = target;
        Options = options ?? new EnvironmentOptions();
        this.aws = aws ?? AwsClientFactory.Create(new AwsConnectionSettings { Region = target.Region, EndpointUrl = target.EndpointUrl?.ToString() });
        ConfigDirectory = Path.GetDirectoryName(Path.GetFullPath(target.ConfigFile))!;
        Ports = new RemotePorts(this.aws.Instances, this.aws.AutoScalingGroups, new GitCommandLine(new GitCommandLineOptions(ConfigDirectory)));
    }

    public DeploymentTarget Target { get; }

    public EnvironmentOptions Options { get; }

    public string ConfigDirectory { get; }

    public RemotePorts Ports { get; }

    public SshSettings Ssh => new(Options.RemoteUser ?? Target.Ssh.User)
    {
        Port = Target.Ssh.Port,
        KeyPath = Target.Ssh.KeyPath,
        KnownHostsPath = Target.Ssh.KnownHostsPath,
        RecordedKnownHostsPath = Path.Combine(ConfigDirectory, ".fabulaws", Target.Environment, "known_hosts"),
        TrustOnFirstUse = Options.TrustNewHostKeys,
        ConnectTimeout = Target.Ssh.ConnectTimeout,
        CommandTimeout = Target.Ssh.CommandTimeout,
        LogDirectory = Options.LogDirectory ?? Path.Combine(ConfigDirectory, "fabulaws-logs", Target.Environment),
    };

    public UpdateServerPasswordsSettings UpdateServerPasswords() => new()
    {
        Deployment = Target.Deployment,
        Environment = Target.Environment,
        Ssh = Ssh,
        Ports = Ports,
        AddressAttribute = Target.SshAddressAttribute,
        PasswordNames = Target.PasswordNames,
        SecretsFileDirectory = ConfigDirectory,
        Roles = [Target.WebRole, Target.WorkerRole],
    };

    public UpgradePageSettings UpgradePage() => new()
    {
        Deployment = Target.Deployment,
        Environment = Target.Environment,
        Ssh = Ssh,
        Ports = Ports,
        AddressAttribute = Target.SshAddressAttribute,
        AutoScalingGroupName = Target.AutoScalingGroupName,
        StaticRoot = Target.StaticHtml.RemoteRoot,
        UpgradeMessageFile = Target.StaticHtml.UpgradeMessage,
        HealthcheckOverrideFile = Target.StaticHtml.HealthcheckOverride,
        UpgradeMessageName = StaticHtmlFiles.RemoteUpgradeMessageName,
        HealthcheckName = StaticHtmlFiles.RemoteHealthcheckName,
    };

    public DeployWorkerSettings DeployWorker(string commit) => new()
    {
        Deployment = Target.Deployment,
        Environment = Target.Environment,
        Ssh = Ssh,
        Ports = Ports,
        AddressAttribute = Target.SshAddressAttribute,
        Commit = commit,
        Commands = Target.RenderDeployWorkerCommands(commit),
        WorkerRole = Target.WorkerRole,
    };

    public void Dispose() => aws.Dispose();
}
