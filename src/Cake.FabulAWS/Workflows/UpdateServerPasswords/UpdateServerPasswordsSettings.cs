namespace Cake.FabulAWS.Workflows.UpdateServerPasswords;

/// <summary>update_server_passwords: pushes the secrets named in <c>password_names</c> to every server of the environment.</summary>
internal sealed record UpdateServerPasswordsSettings
{
    /// <summary>Gets the deployment tag, for messages.</summary>
    public required string Deployment { get; init; }

    /// <summary>Gets the environment, which names the secrets file.</summary>
    public required string Environment { get; init; }

    /// <summary>Gets the names of the secrets to push (<c>password_names</c>).</summary>
    public IReadOnlyList<string> PasswordNames { get; init; } = [];

    /// <summary>Gets the local directory holding <c>fabsecrets_&lt;environment&gt;.yml</c> (or FabulAWS's <c>.py</c>).</summary>
    public string SecretsFileDirectory { get; init; } = ".";

    /// <summary>Gets the directory on the servers that receives one 0600 file per secret.</summary>
    public string RemoteSecretsDirectory { get; init; } = "~/secrets/";

    /// <summary>Gets the roles whose servers receive the secrets.</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["web", "worker"];
}
