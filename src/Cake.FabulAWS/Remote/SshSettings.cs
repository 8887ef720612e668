namespace Cake.FabulAWS.Remote;

/// <summary>How to reach servers over SSH. Nothing ever prompts: every input comes from here or the environment.</summary>
/// <param name="User">The login user (<c>deploy_user</c> in fabulaws-config.yml, or <c>--remote-user</c>).</param>
public sealed record SshSettings(string User)
{
    /// <summary>The environment variable naming the private key file when <see cref="KeyPath"/> is not set.</summary>
    public const string KeyVariable = "FABULAWS_SSH_KEY";

    /// <summary>The environment variable holding the key's passphrase when <see cref="KeyPassphrase"/> is not set.</summary>
    public const string PassphraseVariable = "FABULAWS_SSH_KEY_PASSPHRASE";

    /// <summary>Gets the SSH port of every server (a host may override it).</summary>
    public int Port { get; init; } = 22;

    /// <summary>Gets the private key file; null for <c>FABULAWS_SSH_KEY</c>, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Gets the key's passphrase; null for <c>FABULAWS_SSH_KEY_PASSPHRASE</c>, else none.</summary>
    public Secret? KeyPassphrase { get; init; }

    /// <summary>Gets the user's known_hosts file, only read; null for ~/.ssh/known_hosts.</summary>
    public string? KnownHostsPath { get; init; }

    /// <summary>
    /// Gets FabulAWS's own known_hosts file of the environment, where keys trusted on first use are recorded by instance
    /// id (never by address: the next instance may get the same private IP); null for ~/.fabulaws/known_hosts.
    /// </summary>
    public string? RecordedKnownHostsPath { get; init; }

    /// <summary>Gets a value indicating whether an unknown host key is accepted and recorded (never a changed or revoked one).</summary>
    public bool TrustOnFirstUse { get; init; }

    /// <summary>Gets a value indicating whether an instance's host key is checked against the keys its EC2 console output printed (the authority for that instance).</summary>
    public bool UseConsoleOutputHostKeys { get; init; } = true;

    /// <summary>Gets the time allowed to connect and authenticate.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the default time allowed for one command (a command may set its own).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets the time allowed for one file operation.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets how many hosts are worked on at once.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>Gets the directory that receives one log file per host.</summary>
    public string LogDirectory { get; init; } = "fabulaws-logs";

    /// <summary>Gets how many output lines a result keeps.</summary>
    public int OutputTailLines { get; init; } = 20;
}
