namespace Cake.FabulAWS.Configuration;

/// <summary>How to reach the instances over SSH.</summary>
/// <param name="User">The login user (<c>deploy_user</c>).</param>
/// <param name="Port">The SSH port (<c>ssh_port</c>, default 22).</param>
/// <param name="KeyPath">
/// The private key file: the <c>FABULAWS_SSH_KEY</c> environment variable when set, else <c>ssh_key</c> resolved
/// against the configuration file's folder (a leading <c>~/</c> is the home folder); <c>null</c> when neither is set.
/// </param>
/// <param name="KeySource">Where <paramref name="KeyPath"/> came from, for logs: the variable name, the key name or <c>none</c>.</param>
/// <param name="KnownHostsPath">The known_hosts file to check host keys against (<c>known_hosts</c>); <c>null</c> when not set.</param>
/// <param name="ConnectTimeout">How long one connection attempt may take (<c>connect_timeout</c>, default 30 s).</param>
/// <param name="CommandTimeout">How long one remote command may run (<c>command_timeout</c>, default 30 min).</param>
public sealed record SshConfiguration(
    string User,
    int Port,
    string? KeyPath,
    string KeySource,
    string? KnownHostsPath,
    TimeSpan ConnectTimeout,
    TimeSpan CommandTimeout)
{
    /// <summary>The environment variable that overrides <c>ssh_key</c>.</summary>
    public const string KeyEnvironmentVariable = "FABULAWS_SSH_KEY";
}
