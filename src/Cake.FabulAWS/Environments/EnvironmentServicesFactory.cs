using Cake.Core;
using Cake.FabulAWS.Aws;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Git;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Environments;

/// <summary>A Cake context that builds its own services: the tests' seam, as Cake.GitLab's testing context is.</summary>
internal interface IFabulAwsTestContext : ICakeContext
{
    /// <summary>Builds the services of one run.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="options">The run's options.</param>
    /// <returns>The services.</returns>
    EnvironmentServices CreateServices(DeploymentTarget target, EnvironmentOptions options);
}

/// <summary>The composition root: the real adapters of one environment, from the target and the run's options.</summary>
internal static class EnvironmentServicesFactory
{
    /// <summary>Builds the services of one run; a testing context builds its own.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="target">The environment.</param>
    /// <param name="options">The run's options; defaults when null.</param>
    /// <returns>The services; dispose them when the run ends.</returns>
    public static EnvironmentServices Create(ICakeContext context, DeploymentTarget target, EnvironmentOptions? options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new EnvironmentOptions();
        if (context is IFabulAwsTestContext test)
        {
            return test.CreateServices(target, options);
        }

        var aws = AwsClientFactory.Create(new AwsConnectionSettings { Region = target.Region, EndpointUrl = target.EndpointUrl?.ToString(), Profile = target.AwsProfile });
        var ssh = Ssh(target, options);
        var web = new HttpWebProbe();
        return new EnvironmentServices
        {
            Target = target,
            Options = options,
            Aws = aws,
            Remote = new SshRemoteHosts(ssh, context.Log, ssh.UseConsoleOutputHostKeys ? aws.Instances : null),
            Git = new GitCommandLine(new GitCommandLineOptions(target.ConfigDirectory)),
            Files = new LocalFileSystem(),
            Web = web,
            Confirmation = new ConsoleConfirmation(System.Environment.GetEnvironmentVariable),
            Log = context.Log,
            Owned = web,
        };
    }

    /// <summary>The SSH settings of an environment: the configuration, overridden by the run's options.</summary>
    /// <param name="target">The environment.</param>
    /// <param name="options">The run's options.</param>
    /// <returns>The settings.</returns>
    public static SshSettings Ssh(DeploymentTarget target, EnvironmentOptions options) => new(options.RemoteUser ?? target.Ssh.User)
    {
        Port = target.Ssh.Port,
        KeyPath = target.Ssh.KeyPath,
        KnownHostsPath = target.Ssh.KnownHostsPath,
        RecordedKnownHostsPath = Path.Combine(target.ConfigDirectory, ".fabulaws", target.Environment, "known_hosts"),
        TrustOnFirstUse = options.TrustNewHostKeys,
        ConnectTimeout = target.Ssh.ConnectTimeout,
        CommandTimeout = target.Ssh.CommandTimeout,
        LogDirectory = options.LogDirectory ?? Path.Combine(target.ConfigDirectory, "fabulaws-logs", target.Environment),
    };
}
