using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.UpdateServerPasswords;

/// <summary>
/// Pushes secrets from the local secrets file to servers, in parallel, one 0600 file per secret. The only workflow
/// that pushes secrets; values never reach a command line, a log or an exception message.
/// </summary>
/// <param name="remote">The remote-host port.</param>
/// <param name="git">The local repository.</param>
/// <param name="files">The local files (the secrets file).</param>
/// <param name="log">The Cake log.</param>
internal sealed class UpdateServerPasswordsWorkflow(IRemoteHosts remote, IGitRepository git, ILocalFiles files, ICakeLog log)
{
    /// <summary>Checks and reads the secrets, then writes them to every host.</summary>
    /// <param name="hosts">The servers.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The per-host results.</returns>
    public async Task<IReadOnlyList<HostResult>> RunAsync(IReadOnlyList<RemoteHost> hosts, UpdateServerPasswordsSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var (path, secrets) = await ReadSecretsAsync(settings, cancellationToken).ConfigureAwait(false);
        if (hosts.Count == 0)
        {
            throw new CakeException($"No running servers of {settings.Deployment}/{settings.Environment} with roles {string.Join(", ", settings.Roles)}: nothing to push the secrets to.");
        }

        log.Information("update_server_passwords: {0} secret(s) from {1} to {2} server(s) in {3}", secrets.Count, path, hosts.Count, settings.RemoteSecretsDirectory);
        await using var step = await remote.OpenAsync(hosts, cancellationToken).ConfigureAwait(false);
        return await step.WriteSecretsAsync(settings.RemoteSecretsDirectory, secrets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the names and reads the secrets file (refused when git tracks it or others can read it); every missing
    /// name is listed before any server is touched.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secrets file and the secrets, one per name.</returns>
    public async Task<(string Path, IReadOnlyList<RemoteSecret> Secrets)> ReadSecretsAsync(UpdateServerPasswordsSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PasswordNames.Count == 0)
        {
            throw new CakeException("password_names is empty: list the secrets to push in fabulaws-config.yml.");
        }

        if (settings.PasswordNames.Where(n => !Remote.SecretsCommands.IsValidName(n)).ToList() is { Count: > 0 } invalid)
        {
            throw new CakeException($"password_names: {string.Join(", ", invalid.Select(n => $"'{n}'"))} cannot be file names on the servers; use letters, digits, '_', '.', '-'.");
        }

        var (path, available) = await LocalSecretsFile.ReadAsync(settings.SecretsFileDirectory, settings.Environment, git, files, cancellationToken).ConfigureAwait(false);
        var missing = settings.PasswordNames.Where(n => !available.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new CakeException($"{path} lacks {missing.Count} secret(s) named in password_names: {string.Join(", ", missing)}. Add them; no server was changed.");
        }

        return (path, settings.PasswordNames.Distinct(StringComparer.Ordinal).Select(n => new RemoteSecret(n, available[n])).ToList());
    }
}
